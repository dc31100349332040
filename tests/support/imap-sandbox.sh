#!/usr/bin/env bash
# A real Dovecot (Debian's package) for tests, on 127.0.0.1, with its
# configuration, state and mail in DIR:
#   imap-sandbox.sh start DIR   prints "IMAP_PORT IMAPS_PORT" once it answers
#   imap-sandbox.sh stop DIR
# Users (password "secret" each, mail in DIR/mail/<name>/Maildir):
#   service@mailbox.lingting.test, support@mailbox.lingting.test
# IMAP offers STARTTLS and IDLE; IMAPS speaks TLS from the start; the
# certificate is made for 127.0.0.1 (DIR/cert.pem trusts it). LMTP listens on
# DIR/run/lmtp (Postfix delivers there: smtp-sandbox.sh's LMTP argument),
# and SASL for Postfix on DIR/run/auth-client. Needs root.
set -euo pipefail
command=${1:-}
dir=${2:-}
if [[ -z $command || -z $dir ]]; then
  echo "usage: imap-sandbox.sh start|stop DIR" >&2
  exit 64
fi
if [[ $command == stop ]]; then
  # An imap process still serving a client when the master stops may live
  # on and keep writing the mailbox's index from its memory: stop the
  # master's children too (killed after 3 s), so that a test that changes
  # the mail store while the server is down finds it as it left it.
  pids=()
  if [[ -f $dir/run/master.pid ]]; then
    master=$(cat "$dir/run/master.pid")
    pids=("$master" $(pgrep -P "$master" || true))
  fi
  [[ -f $dir/dovecot.conf ]] && dovecot -c "$dir/dovecot.conf" stop > /dev/null 2>&1 || true
  for attempt in $(seq 50); do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2> /dev/null && alive+=("$pid"); done
    ((${#alive[@]})) || break
    ((attempt == 30)) && kill -KILL "${alive[@]}" 2> /dev/null
    sleep 0.1
  done
  exit 0
fi
[[ $command == start ]] || { echo "imap-sandbox.sh: unknown command $command" >&2; exit 64; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mkdir -p "$dir"/{run,state,mail}
chmod 755 "$dir"
chown nobody:nogroup "$dir/mail"
if [[ ! -f $dir/cert.pem ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" > /dev/null 2>&1
fi
[[ -f $dir/ports ]] || echo "$(free_port) $(free_port)" > "$dir/ports"  # a restart keeps them
read -r imap_port imaps_port < "$dir/ports"
: > "$dir/users"
for user in service support; do
  echo "$user@mailbox.lingting.test:{PLAIN}secret:65534:65534::$dir/mail/$user" >> "$dir/users"
done
cat > "$dir/dovecot.conf" <<CONF
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
mail_location = maildir:~/Maildir
default_internal_user = dovecot
default_login_user = dovenull
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-client {
    mode = 0666
  }
}
CONF
if ! dovecot -c "$dir/dovecot.conf" 2> "$dir/start.log"; then
  cat "$dir/start.log" "$dir/dovecot.log" >&2 2> /dev/null || true
  exit 1
fi
for _ in $(seq 100); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$imap_port") 2> /dev/null; then
    echo "$imap_port $imaps_port"
    exit 0
  fi
  sleep 0.1
done
echo "imap-sandbox.sh: Dovecot did not listen on $imap_port" >&2
cat "$dir/dovecot.log" >&2 || true
exit 1
