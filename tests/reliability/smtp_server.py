"""A small real SMTP server for the e-mail tests: speaks enough SMTP for smtplib (EHLO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT), refuses recipients whose address contains "afvis", and keeps what it accepted."""

import email
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self._reply("220 rsi-test ESMTP")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 rsi-test")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                if "afvis" in command.lower():
                    self._reply("550 5.1.1 No such user")
                else:
                    recipients.append(command.split(":", 1)[1].strip(" <>"))
                    self._reply("250 OK")
            elif verb == "DATA":
                if not recipients:
                    self._reply("503 No valid recipients")
                    continue
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.messages.append((recipients, email.message_from_bytes(b"".join(data))))
                self._reply("250 OK queued")
                recipients = []
            elif verb in ("RSET", "NOOP"):
                recipients = []
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("502 Command not implemented")


class SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list = []
        self.port = self.server_address[1]
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
