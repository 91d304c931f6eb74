#!/usr/bin/env bash
# Makes demonstration secrets for example-duct-tls.yaml: a throw-away CA, a client certificate and
# key for the gateway, MQTT credentials, CoAP pre-shared keys and a SIM PIN, all readable by their owner only.
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
# CoAP keys are random text, stored as the hex of that text, so libcoap's `coap-client -k TEXT` can use them;
# the text of each is in the comment line above it (the file is secret either way).
hex_of() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
tech=$(openssl rand -hex 16)
viewer=$(openssl rand -hex 16)
{
    echo "# technician-1: coap-client-openssl -u technician-1 -k $tech"
    echo "technician-1,$(hex_of "$tech"),write"
    echo "# viewer: coap-client-openssl -u viewer -k $viewer"
    echo "viewer,$(hex_of "$viewer"),read"
} > coap-psk

# The SIM's PIN for the fallback modem: set it to your SIM's (a wrong one is tried once, never twice).
echo 0000 > modem.pin

chmod 600 ./*
echo "secrets written to $dir"
