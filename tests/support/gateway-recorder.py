#!/usr/bin/env python3
"""A stand-in for the HTTP gateways Lingting calls (SMS now; chat APIs later),
started by the tests on 127.0.0.1: it records every request it receives and
answers as a real gateway would.

    gateway-recorder.py DIR

Listens on a free port and writes it to DIR/port once it accepts requests;
appends each request to DIR/requests.jsonl as one JSON object
{"method", "path", "headers", "body"}. The answer depends on the body, so that
tests can drive each outcome with a phone number:

    13900400400  400 {"Code":"isv.MOBILE_NUMBER_ILLEGAL"}   (refused for good)
    13900503503  503 the first time a body is seen, then 200   (retried)
    13900200200  200 {"Code":"isv.BUSINESS_LIMIT_CONTROL"}  (a 2xx that is an error)
    otherwise    200 {"Code":"OK","BizId":"<n>"}

Paths of the chat groups' robots answer as each app documents, checking the
signature independently (Python's hmac) with the secret the path names:

    /wecom/send?key=K           errcode 0; 93000 when K is "bad"
    /dingtalk/SECRET/send?...   errcode 0 when timestamp & sign in the query
                                are right for SECRET ("-": unsigned); 310000 else
    /feishu/SECRET/hook         code 0 when the body's timestamp & sign are
                                right for SECRET ("-": unsigned); 19021 else

and WeChat's API under /wechat:

    /wechat/cgi-bin/stable_token            an access token for any AppID but "wxbad"
    /wechat/cgi-bin/message/custom/send     errcode 0; 45015 (window closed) for an
                                            OpenID containing "closed"; 40001 for a
                                            stale token ("stale" before a refresh)
    /wechat/cgi-bin/message/template/send   errcode 0 with a msgid; 43004 for an OpenID
                                            containing "gone"
    GET /wechat/cgi-bin/media/get           the file DIR/media/MEDIA_ID with the type in
                                            DIR/media/MEDIA_ID.type, as WeChat sends a
                                            follower's image or voice; 40007 (invalid
                                            media_id) when there is none; 40001 for a
                                            stale token
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

directory = sys.argv[1]
lock = threading.Lock()
seen = {}
count = [0]


def fresh(timestamp_seconds):
    return abs(time.time() - timestamp_seconds) < 3600


tokens = {"issued": 0}


def wechat_answer(path, body):
    """The answer of WeChat's API at `path`, or None for others."""
    parts = urllib.parse.urlsplit(path)
    if not parts.path.startswith("/wechat/"):
        return None
    query = urllib.parse.parse_qs(parts.query)
    message = json.loads(body) if body else {}
    if parts.path.endswith("/cgi-bin/stable_token"):
        if message.get("appid") == "wxbad":
            return {"errcode": 40013, "errmsg": "invalid appid"}
        with lock:
            tokens["issued"] += 1
            issued = tokens["issued"]
        # The first token handed out is already stale: a sender must fetch again.
        token = "stale" if issued == 1 else "token-%d" % issued
        return {"access_token": token, "expires_in": 7200}
    if query.get("access_token") == ["stale"]:
        return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"}
    touser = message.get("touser", "")
    if parts.path.endswith("/message/custom/send"):
        if "closed" in touser:
            return {"errcode": 45015, "errmsg": "response out of time limit or subscription is canceled"}
        return {"errcode": 0, "errmsg": "ok"}
    if parts.path.endswith("/message/template/send"):
        if "gone" in touser:
            return {"errcode": 43004, "errmsg": "require subscribe"}
        return {"errcode": 0, "errmsg": "ok", "msgid": 200228332}
    return {"errcode": 404, "errmsg": "unknown api"}


def robot_answer(path, body):
    """The answer of a chat app's group robot at `path`, or None for others."""
    parts = urllib.parse.urlsplit(path)
    segments = parts.path.strip("/").split("/")
    query = urllib.parse.parse_qs(parts.query)
    if segments[0] == "wecom":
        if query.get("key") == ["bad"]:
            return {"errcode": 93000, "errmsg": "invalid webhook url"}
        return {"errcode": 0, "errmsg": "ok"}
    if segments[0] == "dingtalk":
        secret = segments[1]
        if secret == "-":
            return {"errcode": 0, "errmsg": "ok"}
        try:
            timestamp = query["timestamp"][0]
            string_to_sign = "{}\n{}".format(timestamp, secret)
            digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).digest()
            # parse_qs has already URL-decoded the sign.
            if query["sign"][0] == base64.b64encode(digest).decode() and \
                    fresh(int(timestamp) / 1000):
                return {"errcode": 0, "errmsg": "ok"}
        except (KeyError, ValueError):
            pass
        return {"errcode": 310000, "errmsg": "sign not match"}
    if segments[0] == "feishu":
        secret = segments[1]
        message = json.loads(body)
        if secret == "-":
            return {"code": 0, "msg": "success", "data": {}}
        timestamp = message.get("timestamp", "0")
        string_to_sign = "{}\n{}".format(timestamp, secret)
        digest = hmac.new(string_to_sign.encode(), b"", hashlib.sha256).digest()
        if message.get("sign") == base64.b64encode(digest).decode() and fresh(int(timestamp)):
            return {"code": 0, "msg": "success", "data": {}}
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}
    return None


def media_file(path):
    """The file and type WeChat's media/get gives at `path`, or None for an error answer."""
    parts = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qs(parts.query)
    if query.get("access_token") == ["stale"]:
        return None, {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"}
    media_id = os.path.basename(query.get("media_id", [""])[0])
    stored = os.path.join(directory, "media", media_id)
    if not media_id or not os.path.isfile(stored) or not os.path.isfile(stored + ".type"):
        return None, {"errcode": 40007, "errmsg": "invalid media_id"}
    with open(stored, "rb") as content, open(stored + ".type", encoding="utf-8") as kind:
        return (content.read(), kind.read().strip()), None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, content_type, data, extra_headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            with open(os.path.join(directory, "requests.jsonl"), "a", encoding="utf-8") as out:
                out.write(json.dumps({"method": "GET", "path": self.path,
                                      "headers": dict(self.headers.items()),
                                      "body": ""}, ensure_ascii=False) + "\n")
        if not urllib.parse.urlsplit(self.path).path.endswith("/wechat/cgi-bin/media/get"):
            self.answer(404, "application/json", b'{"errcode":404,"errmsg":"unknown api"}')
            return
        found, refusal = media_file(self.path)
        if found is None:
            self.answer(200, "text/plain", json.dumps(refusal).encode())
            return
        content, kind = found
        self.answer(200, kind, content, [("Content-disposition", 'attachment; filename="media"')])

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with lock:
            count[0] += 1
            number = count[0]
            seen[body] = seen.get(body, 0) + 1
            times = seen[body]
            with open(os.path.join(directory, "requests.jsonl"), "a", encoding="utf-8") as out:
                out.write(json.dumps({"method": "POST", "path": self.path,
                                      "headers": dict(self.headers.items()),
                                      "body": body}, ensure_ascii=False) + "\n")
        robot = robot_answer(self.path, body)
        wechat = wechat_answer(self.path, body)
        if robot is not None:
            status, answer = 200, robot
        elif wechat is not None:
            status, answer = 200, wechat
        elif "13900400400" in body:
            status, answer = 400, {"Code": "isv.MOBILE_NUMBER_ILLEGAL"}
        elif "13900503503" in body and times == 1:
            status, answer = 503, {"Code": "ServiceUnavailable"}
        elif "13900200200" in body:
            status, answer = 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL"}
        else:
            status, answer = 200, {"Code": "OK", "BizId": str(number)}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(directory, "port.tmp"), "w") as out:
    out.write(str(server.server_address[1]))
os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
server.serve_forever()
