#!/bin/sh
set -eu
# planted: generic secret in an export
export REGISTRY_PASSWORD='@@R::P:14@@'
# planted: a refresh token in a variable
GH_REFRESH=@@R:ghr_:A:36@@
# look-alikes: read from the environment or a file
export DEPLOY_TOKEN="$CI_DEPLOY_TOKEN"
API_KEY=$(cat /run/secrets/api_key)
TOKEN_COUNT=12
curl -fsS -H "Authorization: Bearer $DEPLOY_TOKEN" https://deploy.example.org/
