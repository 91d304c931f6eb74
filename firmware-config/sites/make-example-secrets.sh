#!/usr/bin/env bash
# Makes demonstration secrets for example-duct-tls.yaml: a throw-away CA, a client certificate and
# key for the gateway, MQTT credentials and CoAP pre-shared keys, all readable by their owner only.
# Real gateways get their certificates from the operator's PKI; see docs/configuration.md.
#
# Usage: make-example-secrets.sh [FOLDER]   (default: secrets/ next to this script)
set -euo pipefail

dir=${1:-"$(cd "$(dirname "$0")" && pwd)/secrets"}
umask 077
mkdir -p "$dir"
cd "$dir"

openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=ductwatch example CA" \
    -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=metro-north-gw03" \
    -keyout gateway.key.rsa -out gateway.csr 2>/dev/null
openssl x509 -req -in gateway.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -out gateway.pem 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in gateway.key.rsa -out gateway.key
rm -f gateway.key.rsa gateway.csr ca.srl

printf 'username=gw03\npassword=%s\n' "$(openssl rand -hex 16)" > mqtt-credentials
printf 'technician-1,%s,write\nviewer,%s,read\n' "$(openssl rand -hex 16)" "$(openssl rand -hex 16)" > coap-psk

chmod 600 ./*
echo "secrets written to $dir"
