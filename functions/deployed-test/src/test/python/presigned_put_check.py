"""Checks a presigned S3 PUT URL's SigV4 signature with botocore, a second implementation.

moto_server accepts a presigned URL without checking its signature, so the deployed-shape test
asks botocore (moto's own dependency) to sign the same PUT with the same credentials, time and
expiry, and compares every query parameter. Usage:
  presigned_put_check.py URL ACCESS_KEY_ID SECRET_ACCESS_KEY SESSION_TOKEN REGION
Prints "signature ok" and exits 0, or prints the difference and exits 1.
"""
import datetime
import sys
from urllib.parse import parse_qs, urlsplit, urlunsplit

import botocore.auth
from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main(url, key, secret, token, region):
    parts = urlsplit(url)
    given = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    signed_at = datetime.datetime.strptime(given["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    # Sign as of the moment the function signed.
    botocore.auth.get_current_datetime = lambda *a, **kw: signed_at
    request = AWSRequest(method="PUT", url=urlunsplit(parts._replace(query="")), headers={})
    S3SigV4QueryAuth(Credentials(key, secret, token), "s3", region, expires=int(given["X-Amz-Expires"])).add_auth(request)
    expected = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query, keep_blank_values=True).items()}
    if expected != given:
        diff = {k: (given.get(k), expected.get(k)) for k in set(given) | set(expected) if given.get(k) != expected.get(k)}
        print("signature differs (function, botocore):", diff)
        return 1
    print("signature ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
