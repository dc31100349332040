#!/usr/bin/env bash
# A real Postfix (Debian's package) for tests, on 127.0.0.1 and a free port,
# with its configuration, queue and mail in DIR:
#   smtp-sandbox.sh start DIR [DOVECOT_DIR]   prints the port once it accepts connections
#   smtp-sandbox.sh stop DIR
# It accepts mail for any address from loopback and delivers all of it into
# the Maildir DIR/sink (new messages in DIR/sink/new), offers STARTTLS with a
# certificate for 127.0.0.1 (DIR/cert.pem trusts it), and answers two
# addresses specially: refused@lingting.test 550 5.1.1, later@lingting.test
# 450 4.2.0. With DOVECOT_DIR (an imap-sandbox.sh directory), mail for
# @mailbox.lingting.test goes to that Dovecot over LMTP, and clients log in
# (AUTH PLAIN/LOGIN after STARTTLS) with its users through Dovecot's SASL.
# Used by the C++ tests (support/smtp_server) and the browser tests. Needs
# root, as Postfix's master does.
set -euo pipefail
command=${1:-}
dir=${2:-}
dovecot=${3:-}
if [[ -z $command || -z $dir ]]; then
  echo "usage: smtp-sandbox.sh start|stop DIR" >&2
  exit 64
fi

if [[ $command == stop ]]; then
  [[ -f $dir/conf/main.cf ]] && /usr/sbin/postfix -c "$dir/conf" stop > /dev/null 2>&1 || true
  exit 0
fi
[[ $command == start ]] || { echo "smtp-sandbox.sh: unknown command $command" >&2; exit 64; }

mkdir -p "$dir"/{conf,queue,data} "$dir"/sink/{new,cur,tmp}
chmod 755 "$dir"  # Postfix's own users must reach data/ and sink/
chown postfix "$dir/data"
chown -R nobody:nogroup "$dir/sink"
if [[ ! -f $dir/cert.pem ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" > /dev/null 2>&1
fi
if [[ -f $dir/port ]]; then
  port=$(cat "$dir/port")  # a restart keeps its port
else
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" > "$dir/port"
fi
cat > "$dir/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = smtp.lingting.test
mydomain = lingting.test
mydestination =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_recipient_access inline:{ { refused@lingting.test = 550 5.1.1 no such person here }, { later@lingting.test = 450 4.2.0 mailbox busy, try later } }, permit_mynetworks, reject
smtpd_tls_security_level = may
smtpd_tls_cert_file = $dir/cert.pem
smtpd_tls_key_file = $dir/key.pem
default_transport = virtual
relay_transport = virtual
transport_maps = ${dovecot:+inline:{mailbox.lingting.test=lmtp:unix:$dovecot/run/lmtp\}}
${dovecot:+smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dovecot/run/auth-client
smtpd_tls_auth_only = yes
smtpd_sasl_authenticated_header = yes}
virtual_mailbox_base = $dir
virtual_mailbox_maps = static:sink/
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_mailbox_limit = 0
message_size_limit = 52428800
maillog_file_prefixes = $dir
maillog_file = $dir/postfix.log
CONF
cat > "$dir/conf/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
lmtp unix - - n - - lmtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CONF
if ! /usr/sbin/postfix -c "$dir/conf" start > "$dir/start.log" 2>&1; then
  cat "$dir/start.log" "$dir/postfix.log" >&2 2> /dev/null || true
  exit 1
fi
for _ in $(seq 100); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "$port"
    exit 0
  fi
  sleep 0.1
done
echo "smtp-sandbox.sh: Postfix did not listen on $port" >&2
cat "$dir/postfix.log" >&2 || true
exit 1
