#!/bin/sh
# CAPE Prep: upload the build (dist/) to S3 with its cache headers. Generated from deploy/security-headers.ts by `npm run deploy-config`: edit that file, not this one.
# Usage: deploy/s3-upload.sh s3://bucket/path/to/app   (needs the AWS CLI, signed in)
set -eu
dest="${1:?usage: deploy/s3-upload.sh s3://bucket/path/to/app}"
aws s3 sync "dist/assets/" "$dest/assets/" --cache-control "public, max-age=31536000, immutable"
aws s3 sync dist "$dest" --exclude "assets/*" --exclude "_headers" --cache-control "no-cache"
