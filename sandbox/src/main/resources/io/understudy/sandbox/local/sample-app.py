"""The sandbox's sample web app: one per instance, behind the instance's HAProxy.

Reads are served from /data (a symlink to the attached volume's directory); a write is answered 201 only
after its bytes and its directory entry are on disk. The role comes from a file the sandbox rewrites when
the instance's understudy:role tag changes; only an app master runs the cron job, which appends a
timestamped line to /data/cron.log every second.

usage: sample-app.py <marker> <instance id> <address> <port> <stack version> <instance dir>
"""
import datetime
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARKER, INSTANCE_ID, ADDRESS, PORT, STACK_VERSION, INSTANCE_DIR = sys.argv[1:7]
DATA = os.path.join(INSTANCE_DIR, "data")
ROLE_FILE = os.path.join(INSTANCE_DIR, "role")
KEY = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
CRON_LOCK = threading.Lock()


def role():
    try:
        with open(ROLE_FILE, encoding="utf-8") as f:
            return f.read().strip() or "none"
    except OSError:
        return "none"


def data_attached():
    return os.path.isdir(DATA)


def write_durably(key, body):
    path = os.path.join(DATA, key)
    temp = path + ".tmp-" + str(threading.get_ident())
    with open(temp, "wb") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)
    directory = os.open(os.path.realpath(DATA), os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def cron():
    while True:
        time.sleep(1)
        if role() != "app_master" or not data_attached():
            continue
        line = datetime.datetime.now(datetime.timezone.utc).isoformat() + " " + INSTANCE_ID + "\n"
        try:
            with CRON_LOCK, open(os.path.join(DATA, "cron.log"), "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            print("cron: cannot append:", e, file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body, content_type="text/plain"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            current = role()
            self.answer(200, json.dumps({"status": "ok", "role": current, "stackVersion": STACK_VERSION,
                                         "instanceId": INSTANCE_ID, "cron": current == "app_master"}),
                        "application/json")
        elif self.path == "/cron":
            try:
                with open(os.path.join(DATA, "cron.log"), "rb") as f:
                    self.answer(200, f.read())
            except OSError:
                self.answer(200, "")
        elif self.path.startswith("/data/"):
            key = self.path[len("/data/"):]
            if not KEY.match(key):
                self.answer(400, "bad key\n")
                return
            try:
                with open(os.path.join(DATA, key), "rb") as f:
                    self.answer(200, f.read())
            except OSError:
                self.answer(404, "no such key\n")
        else:
            self.answer(200, "sample app " + STACK_VERSION + " on " + INSTANCE_ID + "\n")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if not self.path.startswith("/data/"):
            self.answer(404, "writes go to /data/<key>\n")
            return
        key = self.path[len("/data/"):]
        if not KEY.match(key):
            self.answer(400, "bad key\n")
        elif not data_attached():
            self.answer(503, "no /data attached\n")
        else:
            try:
                write_durably(key, body)
                self.answer(201, "stored\n")
            except OSError as e:
                self.answer(503, "cannot store: " + str(e) + "\n")


if __name__ == "__main__":
    threading.Thread(target=cron, daemon=True).start()
    server = ThreadingHTTPServer((ADDRESS, int(PORT)), Handler)
    server.daemon_threads = True
    server.serve_forever()
