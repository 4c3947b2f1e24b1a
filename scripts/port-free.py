"""`make serve` asks this first: is the port free? If not, say so in one line.

Without it, MkDocs answers a busy port with a long traceback after the whole
site has been built.
"""

import socket
import sys


def main(port_text: str) -> int:
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        print(f"make serve: PORT={port_text!r} is not a port number (1-65535), e.g. make serve PORT=8001",
              file=sys.stderr)
        return 2
    port = int(port_text)
    with socket.socket() as probe:
        # As MkDocs' server does: a port left in TIME_WAIT is free, a listening one is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            print(f"make serve: port {port} is already in use (another `make serve`?). "
                  f"Stop it, or pick another port: make serve PORT={port + 1}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
