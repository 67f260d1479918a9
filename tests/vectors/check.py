"""Cross-checks signatures.tsv with Python's hmac, independently of openssl and of the Rust code.

Usage: python3 tests/vectors/check.py
"""
import base64, hashlib, hmac, pathlib, sys

bad = 0
for line in (pathlib.Path(__file__).parent / "signatures.tsv").read_text(encoding="utf-8").splitlines():
    if line.startswith("#") or not line.strip():
        continue
    access, secret, ts, method, target, expected = line.split("\t")
    message = f"{method} {target}\n{ts}\n{access}".encode()
    got = base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()
    if got != expected:
        bad += 1
        print("MISMATCH", method, target)
print("all vectors agree" if not bad else f"{bad} mismatches")
sys.exit(1 if bad else 0)
