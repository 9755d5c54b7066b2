"""HELK lab kernel bridge: the process Jupyter starts for a HELK lab kernel.

The kernel itself runs inside the HELK lab appliance's JVM. This bridge hands Jupyter's
connection file to the appliance's kernel gateway (TCP on 127.0.0.1, port and secret from the
HELK_KERNEL_GATEWAY and HELK_KERNEL_SECRET environment variables), then stays alive exactly as
long as that kernel: it exits when the gateway closes the connection (kernel shut down) and,
when Jupyter stops it (SIGTERM/SIGINT/kill), the closed connection makes the gateway shut the
kernel down. Python standard library only.
"""
import json
import os
import signal
import socket
import sys

HANDSHAKE_TIMEOUT_SECONDS = 120


def fail(message):
    sys.stderr.write("HELK lab kernel bridge: " + message + "\n")
    sys.stderr.flush()
    sys.exit(2)


def read_line(connection):
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8").strip()


def main(arguments):
    if len(arguments) != 2:
        fail("usage: helklab_kernel_bridge.py CONNECTION_FILE (Jupyter passes {connection_file})")
    gateway = os.environ.get("HELK_KERNEL_GATEWAY", "").strip()
    secret = os.environ.get("HELK_KERNEL_SECRET", "")
    if not gateway.isdigit() or not secret:
        fail("HELK_KERNEL_GATEWAY (the gateway's port) and HELK_KERNEL_SECRET must be set; "
             "start Jupyter from the HELK lab appliance, which sets them")
    try:
        with open(arguments[1], encoding="utf-8") as connection_file:
            connection_info = json.load(connection_file)
    except (OSError, ValueError) as error:
        fail("cannot read the connection file %s: %s" % (arguments[1], error))

    try:
        connection = socket.create_connection(("127.0.0.1", int(gateway)), timeout=HANDSHAKE_TIMEOUT_SECONDS)
    except OSError as error:
        fail("cannot reach the HELK lab kernel gateway on 127.0.0.1:%s (%s); is the appliance running?"
             % (gateway, error))

    def stop(signal_number, frame):
        connection.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    hello = json.dumps({"secret": secret, "connection": connection_info}) + "\n"
    try:
        connection.sendall(hello.encode("utf-8"))
        answer = read_line(connection)
    except OSError as error:
        fail("the kernel gateway on 127.0.0.1:%s did not answer (%s)" % (gateway, error))
    try:
        reply = json.loads(answer) if answer else {}
    except ValueError:
        reply = {"message": answer}
    if reply.get("status") != "ok":
        fail("the kernel gateway refused the kernel: %s" % reply.get("message", "connection closed without an answer"))

    connection.settimeout(None)
    try:
        while connection.recv(4096):
            pass
    except OSError:
        pass
    connection.close()
    sys.exit(0)


if __name__ == "__main__":
    main(sys.argv)
