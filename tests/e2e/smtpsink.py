"""smtpsink.py: a small SMTP server on loopback that keeps every message it accepts
(standard library only).  Used by test_push.py and bench/push.

    sink = SmtpSink()            # free port, thread per connection
    sink.port, sink.messages     # [(mail_from, [rcpt], bytes)]
    sink.delay = 0.05            # seconds before answering the end of DATA
    sink.refuse = True           # answer 421 to MAIL (a server in trouble)
    sink.stop()

It speaks just enough of RFC 5321 for libcurl: EHLO/HELO, MAIL, RCPT, DATA with
dot-unstuffing, RSET, NOOP, QUIT.  With keep=False it only counts (bench)."""
import socket
import socketserver
import threading
import time


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        sink = self.server.sink
        with sink.lock:
            sink.connections += 1
        self.reply("220 sink.local ESMTP zwgk-test")
        mail_from, rcpts = None, []
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb in ("EHLO", "HELO"):
                if verb == "EHLO":
                    self.wfile.write(b"250-sink.local\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    self.wfile.flush()
                else:
                    self.reply("250 sink.local")
            elif verb == "MAIL":
                if sink.refuse:
                    self.reply("421 try again later")
                    return
                mail_from, rcpts = cmd[10:].strip(), []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpts.append(cmd[8:].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with .")
                chunks = []
                while True:
                    l = self.rfile.readline(1 << 20)
                    if not l:
                        return
                    if l in (b".\r\n", b".\n"):
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    if sink.keep:
                        chunks.append(l)
                if sink.delay:
                    time.sleep(sink.delay)
                with sink.lock:
                    sink.count += 1
                    if sink.keep:
                        sink.messages.append((mail_from, rcpts, b"".join(chunks)))
                self.reply("250 OK queued")
                mail_from, rcpts = None, []
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                mail_from, rcpts = None, []
                self.reply("250 OK")
            else:
                self.reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, keep=True):
        self.lock = threading.Lock()
        self.messages = []
        self.count = 0
        self.connections = 0
        self.delay = 0
        self.refuse = False
        self.keep = keep
        self.srv = _Server(("127.0.0.1", 0), _Handler)
        self.srv.sink = self
        self.port = self.srv.server_address[1]
        self.thread = threading.Thread(target=self.srv.serve_forever, daemon=True)
        self.thread.start()

    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def wait(self, pred, timeout=20):
        """Wait until pred(messages) is true; returns the messages."""
        end = time.time() + timeout
        while time.time() < end:
            m = self.snapshot()
            if pred(m):
                return m
            time.sleep(0.05)
        return self.snapshot()

    def stop(self):
        self.srv.shutdown()
        self.srv.server_close()


if __name__ == "__main__":
    s = SmtpSink(keep=False)
    print(s.port, flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
