"""Drives the HELK lab kernel through Debian's jupyter_client, as Jupyter Notebook does.

Run by KernelGatewayIT with /usr/bin/python3, JUPYTER_PATH pointing at the kernelspec written by
KernelGateway.writeKernelSpec, and the gateway's HELK_KERNEL_GATEWAY/HELK_KERNEL_SECRET. Prints
one "PASS name" or "FAIL name: why" line per check and exits 1 if any check failed.
"""
import os
import queue
import sys
import time
import traceback

from jupyter_client import KernelManager
from jupyter_client.session import Session

TIMEOUT = 180
results = []


def check(name, function):
    try:
        function()
        results.append((name, None))
        print("PASS " + name, flush=True)
    except Exception as error:  # a failed check must not stop the others
        results.append((name, error))
        print("FAIL %s: %s" % (name, error), flush=True)
        traceback.print_exc(file=sys.stdout)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def start_kernel():
    manager = KernelManager(kernel_name="helk-lab")
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=TIMEOUT)
    return manager, client


def collect(client, message_id, timeout=TIMEOUT):
    """Everything a request produced on IOPub until its idle status, plus its shell reply."""
    outcome = {"stdout": "", "stderr": "", "results": [], "errors": [], "statuses": []}
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        expect(remaining > 0, "no idle status for request %s within %ss" % (message_id, timeout))
        message = client.get_iopub_msg(timeout=remaining)
        if message["parent_header"].get("msg_id") != message_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            outcome[content["name"]] += content["text"]
        elif kind in ("execute_result", "display_data"):
            outcome["results"].append(content["data"])
        elif kind == "error":
            outcome["errors"].append(content)
        elif kind == "status":
            outcome["statuses"].append(content["execution_state"])
            if content["execution_state"] == "idle":
                break
    outcome["reply"] = shell_reply(client, message_id)["content"]
    return outcome


def shell_reply(client, message_id):
    """The shell reply to one request; wait_for_ready may leave replies to its own probes queued."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        reply = client.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == message_id:
            return reply


def run(client, code, timeout=TIMEOUT):
    return collect(client, client.execute(code), timeout)


def text_result(outcome):
    expect(outcome["reply"]["status"] == "ok", "cell failed: %s" % outcome["reply"])
    expect(outcome["results"], "no execute_result; output was %s" % outcome)
    return outcome["results"][-1]["text/plain"]


def error_of(outcome):
    expect(outcome["reply"]["status"] == "error", "cell should have failed: %s" % outcome)
    expect(outcome["errors"], "no error message on IOPub: %s" % outcome)
    return outcome["reply"]


def main():
    manager, client = start_kernel()

    def kernel_info():
        reply = shell_reply(client, client.kernel_info())
        info = reply["content"]["language_info"]
        expect(info["name"] == "java", "language_info %s" % info)
        expect(info["file_extension"] == ".java", "language_info %s" % info)
        expect(reply["content"]["protocol_version"] == "5.3", "protocol %s" % reply["content"])

    def stdout_and_result():
        outcome = run(client, 'System.out.println("hello " + (1 + 2));\nSystem.err.println("warned");')
        expect(outcome["stdout"] == "hello 3\n", "stdout was %r" % outcome["stdout"])
        expect(outcome["stderr"] == "warned\n", "stderr was %r" % outcome["stderr"])
        expect(outcome["statuses"] == ["busy", "idle"], "statuses %s" % outcome["statuses"])
        outcome = run(client, "int answer = 20;\nanswer * 2 + 2")
        expect(text_result(outcome) == "42", "result %s" % outcome["results"])
        expect(outcome["reply"]["execution_count"] == 2, "execution count %s" % outcome["reply"])

    def error_keeps_kernel():
        reply = error_of(run(client, 'throw new IllegalStateException("boom");'))
        expect(reply["ename"] == "java.lang.IllegalStateException", "ename %s" % reply["ename"])
        expect(reply["evalue"] == "boom", "evalue %s" % reply["evalue"])
        expect(reply["traceback"][0].startswith("java.lang.IllegalStateException: boom"), reply["traceback"])
        expect(text_result(run(client, "answer + 1")) == "21", "state lost after an error")

    def compilation_error():
        reply = error_of(run(client, 'int wrong = "text";'))
        expect(reply["ename"] == "CompilationError", "ename %s" % reply["ename"])
        expect("incompatible types" in reply["evalue"], "evalue %s" % reply["evalue"])

    def sql_magic():
        outcome = run(client, "%%sql --limit 5\nSELECT id, id * 2 AS doubled FROM range(0, 42)")
        expect(outcome["reply"]["status"] == "ok", "reply %s" % outcome)
        html = outcome["results"][-1]["text/html"]
        expect("<table" in html and "<th>doubled</th>" in html, html)
        expect(html.count("<tr>") == 6, "header plus 5 rows expected: " + html)
        expect("showing the first 5 of 42 rows" in html, html)
        expect("of 42 rows" in outcome["results"][-1]["text/plain"], outcome["results"][-1])
        escaped = run(client, "%%sql\nSELECT '<b>bold</b>' AS tag")["results"][-1]["text/html"]
        expect("&lt;b&gt;bold&lt;/b&gt;" in escaped and "<b>bold" not in escaped, escaped)
        expect("1 row" in escaped, escaped)

    def unknown_magic():
        reply = error_of(run(client, "%%graph\n(a)-[e]->(b)"))
        expect(reply["ename"] == "UnknownMagic", "ename %s" % reply["ename"])
        expect("%%sql" in reply["evalue"], "the error should list %%sql: " + reply["evalue"])

    def rich_display_and_bindings():
        outcome = run(client, 'DisplayData.vegaLite(Map.of("mark", "bar"), "<p>chart</p>")')
        expect(outcome["results"], "no result: %s" % outcome)
        data = outcome["results"][-1]
        expect(data["application/vnd.vegalite.v4+json"] == {"mark": "bar"}, data)
        expect(data["text/html"] == "<p>chart</p>", data)
        expect(text_result(run(client, "greeting.toUpperCase()")) == "HELLO FROM THE APPLIANCE", "binding")
        dataset = run(client, "spark.range(3).toDF(\"n\")")["results"][-1]
        expect("<th>n</th>" in dataset["text/html"] and "3 rows" in dataset["text/html"], dataset)

    def exit_refused():
        for code in ["System.exit(3);", "void bye() { Runtime.getRuntime().halt(0); }",
                     "Runnable quit = () -> Runtime.getRuntime().exit(1);"]:
            reply = error_of(run(client, code))
            expect(reply["ename"] == "ExitRefused", "%s gave %s" % (code, reply))
        expect(text_result(run(client, "1 + 1")) == "2", "kernel unusable after a refused exit")
        expect("bye" in error_of(run(client, "bye();"))["evalue"], "the refused method must not exist")

    def completion_and_completeness():
        reply = shell_reply(client, client.complete("greeting.toUpp", 14))
        expect(any(match.startswith("toUpperCase") for match in reply["content"]["matches"]), reply["content"])
        expect(reply["content"]["cursor_start"] == 9, reply["content"])
        reply = shell_reply(client, client.is_complete("for (int i = 0; i < 3; i++) {"))
        expect(reply["content"]["status"] == "incomplete", reply["content"])

    def bad_signature_ignored():
        forger = Session(key=b"not-the-key")
        forged = forger.msg("execute_request", {"code": "int forged = 1;", "silent": False,
                                                "store_history": True, "user_expressions": {},
                                                "allow_stdin": False})
        forger.send(client.shell_channel.socket, forged)
        try:
            client.get_shell_msg(timeout=3)
            raise AssertionError("the kernel answered a message signed with the wrong key")
        except queue.Empty:
            pass
        expect(error_of(run(client, "forged"))["ename"] == "CompilationError", "the forged cell ran")

    def interrupt_long_spark_job():
        message_id = client.execute(
            'System.out.println("starting");\n'
            'spark.sql("SELECT count(*) FROM range(0, 5000000000000) a").collect()')
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = client.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
            if (message["parent_header"].get("msg_id") == message_id and message["msg_type"] == "stream"
                    and "starting" in message["content"]["text"]):
                break
        time.sleep(2)  # let Spark start the job: the check is that a running job gets cancelled
        manager.interrupt_kernel()
        outcome = collect(client, message_id)
        expect(outcome["reply"]["status"] == "error", "cell was not interrupted: %s" % outcome["reply"])
        expect(outcome["reply"]["ename"] == "Interrupted", "ename %s" % outcome["reply"]["ename"])
        active = None
        for attempt in range(60):
            active = text_result(run(client, "spark.sparkContext().statusTracker().getActiveJobIds().length"))
            if active == "0":
                break
            time.sleep(1)
        expect(active == "0", "Spark jobs still active after the interrupt: %s" % active)
        expect(text_result(run(client, "spark.range(10).count()")) == "10", "kernel unusable after interrupt")

    def restart_clears_state():
        run(client, "int survivor = 7;")
        manager.restart_kernel()
        client.wait_for_ready(timeout=TIMEOUT)
        reply = error_of(run(client, "survivor"))
        expect(reply["ename"] == "CompilationError", "state survived the restart: %s" % reply)
        expect(text_result(run(client, "6 * 7")) == "42", "restarted kernel does not work")

    def two_kernels_isolated():
        other_manager, other_client = start_kernel()
        try:
            first = client.execute('String secretValue = "one";')
            second = other_client.execute('String secretValue = "two";')
            expect(collect(client, first)["reply"]["status"] == "ok", "first kernel")
            expect(collect(other_client, second)["reply"]["status"] == "ok", "second kernel")
            expect(text_result(run(client, "secretValue")) == "one", "first kernel sees the other's value")
            expect(text_result(run(other_client, "secretValue")) == "two", "second kernel sees the other's value")
            run(other_client, "int onlyHere = 1;")
            expect(error_of(run(client, "onlyHere"))["ename"] == "CompilationError", "variable leaked")
        finally:
            other_client.stop_channels()
            other_manager.shutdown_kernel()

    def shutdown_ends_bridge():
        process = manager.provisioner.process
        client.stop_channels()
        manager.shutdown_kernel()
        expect(process.poll() is not None, "bridge process still running")
        expect(process.returncode == 0, "bridge exited with %s (killed instead of shut down?)" % process.returncode)

    for name, function in [("kernel_info", kernel_info), ("stdout_and_result", stdout_and_result),
                           ("error_keeps_kernel", error_keeps_kernel), ("compilation_error", compilation_error),
                           ("sql_magic", sql_magic), ("unknown_magic", unknown_magic),
                           ("rich_display_and_bindings", rich_display_and_bindings),
                           ("exit_refused", exit_refused),
                           ("completion_and_completeness", completion_and_completeness),
                           ("bad_signature_ignored", bad_signature_ignored),
                           ("interrupt_long_spark_job", interrupt_long_spark_job),
                           ("restart_clears_state", restart_clears_state),
                           ("two_kernels_isolated", two_kernels_isolated),
                           ("shutdown_ends_bridge", shutdown_ends_bridge)]:
        check(name, function)
    if manager.has_kernel:
        manager.shutdown_kernel(now=True)
    failed = [name for name, error in results if error is not None]
    print("SUMMARY %d passed, %d failed%s" % (len(results) - len(failed), len(failed),
                                               (": " + ", ".join(failed)) if failed else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    os._exit(exit_code)  # skips jupyter_client's noisy __del__ logging during interpreter teardown
