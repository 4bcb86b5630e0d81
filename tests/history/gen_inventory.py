"""Write a list-functions page of N functions (python3.8, every 7th supported) to stdout.
usage: gen_inventory.py N ACCOUNT"""
import json
import sys

n, account = int(sys.argv[1]), sys.argv[2]
out = sys.stdout
out.write('{"Functions": [\n')
for i in range(n):
    rt = "python3.13" if i % 7 == 0 else "python3.8"
    name = f"fn-{i:06d}"
    out.write(("," if i else "") + json.dumps({
        "FunctionName": name, "FunctionArn": f"arn:aws:lambda:us-east-1:{account}:function:{name}:$LATEST",
        "Runtime": rt, "Version": "$LATEST", "PackageType": "Zip", "LastModified": "2024-01-01T00:00:00.000+0000",
        "Architectures": ["x86_64"]}) + "\n")
out.write("]}\n")
