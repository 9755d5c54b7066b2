#!/usr/bin/python3
"""Runs notebooks top to bottom through HELK lab's front door, the way the notebook page runs them.

For each notebook it starts a kernel with the notebook's kernelspec through the door's Jupyter REST API
(/jupyter/api/kernels), sends every code cell as an execute_request over the kernel's WebSocket
(/jupyter/api/kernels/<id>/channels) and stops at the first cell that ends in an error. It prints one JSON
line per notebook and writes the executed copies (with outputs) to --output-directory.

Only Debian's python3 standard library and tornado (which Jupyter itself brings) are needed. When the door asks
for a login, the password is taken from the environment variable HELK_LAB_PASSWORD (never from the command line).
`helk-lab notebooks run` runs this script against the appliance on a home.

  run_notebooks_through_door.py --door http://127.0.0.1:8080 [--output-directory DIR] a.ipynb b.ipynb
  run_notebooks_through_door.py --door http://127.0.0.1:8080 --benchmark 30 --kernel helk-lab \\
      --cell '1 + 1' --cell '%%sql ...'

Exit status: 0 when every notebook ran without an error, 1 otherwise, 2 on bad arguments.
"""
import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
import base64
import uuid

from tornado import ioloop
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


def authorization_headers():
    password = os.environ.get('HELK_LAB_PASSWORD')
    if not password:
        return {}
    token = base64.b64encode(('helk:' + password).encode()).decode()
    return {'Authorization': 'Basic ' + token}


class Kernel:
    def __init__(self, door, name, timeout):
        self.door = door.rstrip('/')
        self.name = name
        self.timeout = timeout
        self.session = uuid.uuid4().hex
        self.kernel_id = None
        self.connection = None

    def _rest(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.door + path, data=data, method=method,
                                         headers=dict(authorization_headers(), **{'Content-Type': 'application/json'}))
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    async def start(self):
        self.kernel_id = self._rest('POST', '/jupyter/api/kernels', {'name': self.name})['id']
        url = self.door.replace('http', 'ws', 1) + '/jupyter/api/kernels/%s/channels?session_id=%s' % (
            self.kernel_id, self.session)
        self.connection = await websocket_connect(HTTPRequest(url, request_timeout=60, connect_timeout=60,
                                                                 headers=authorization_headers()))
        # A kernel_info round trip tells when the kernel is ready for cells.
        await self._request('kernel_info_request', {}, 'kernel_info_reply')

    async def _request(self, message_type, content, reply_type):
        message_id = uuid.uuid4().hex
        await self.connection.write_message(json.dumps({
            'header': {'msg_id': message_id, 'username': 'helk-lab-test', 'session': self.session,
                       'msg_type': message_type, 'version': '5.3', 'date': ''},
            'parent_header': {}, 'metadata': {}, 'content': content, 'channel': 'shell', 'buffers': []}))
        outputs, reply, idle = [], None, False
        deadline = time.monotonic() + self.timeout
        while reply is None or (message_type == 'execute_request' and not idle):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError('no %s within %d s' % (reply_type, self.timeout))
            raw = await asyncio.wait_for(self.connection.read_message(), remaining)
            if raw is None:
                raise ConnectionError('the kernel WebSocket closed (did the kernel die?)')
            message = json.loads(raw)
            if message.get('parent_header', {}).get('msg_id') != message_id:
                continue
            kind = message['header']['msg_type']
            if kind == reply_type:
                reply = message['content']
            elif kind == 'status' and message['content'].get('execution_state') == 'idle':
                idle = True
            elif kind == 'stream':
                outputs.append({'output_type': 'stream', 'name': message['content']['name'],
                                'text': message['content']['text']})
            elif kind in ('execute_result', 'display_data'):
                output = {'output_type': kind, 'data': message['content']['data'], 'metadata': {}}
                if kind == 'execute_result':
                    output['execution_count'] = message['content'].get('execution_count')
                outputs.append(output)
            elif kind == 'error':
                outputs.append({'output_type': 'error', 'ename': message['content']['ename'],
                                'evalue': message['content']['evalue'],
                                'traceback': message['content']['traceback']})
        return reply, outputs

    async def execute(self, code):
        return await self._request('execute_request', {'code': code, 'silent': False, 'store_history': True,
                                                       'user_expressions': {}, 'allow_stdin': False,
                                                       'stop_on_error': True}, 'execute_reply')

    def close(self):
        if self.connection is not None:
            self.connection.close()
        if self.kernel_id is not None:
            try:
                self._rest('DELETE', '/jupyter/api/kernels/' + self.kernel_id)
            except Exception:  # the kernel may be gone already; the report says what failed
                pass


def await_jupyter(door, limit_seconds=300):
    """Waits while the door answers 503 with Retry-After (Jupyter is still starting after the appliance's ready
    line); any other answer ends the wait, so a Jupyter that failed is reported by the first request instead."""
    deadline = time.monotonic() + limit_seconds
    told = False
    while True:
        request = urllib.request.Request(door.rstrip('/') + '/jupyter/api', headers=authorization_headers())
        try:
            with urllib.request.urlopen(request, timeout=60):
                return
        except urllib.error.HTTPError as answer:
            retry = answer.headers.get('Retry-After')
            if answer.code != 503 or retry is None or time.monotonic() > deadline:
                return
            if not told:
                print('waiting for Jupyter to finish starting ...', flush=True)
                told = True
            time.sleep(max(1, int(retry)))


def source(cell):
    text = cell.get('source', '')
    return ''.join(text) if isinstance(text, list) else text


async def run_notebook(door, path, output_directory, timeout):
    with open(path, encoding='utf-8') as file:
        notebook = json.load(file)
    kernel_name = notebook.get('metadata', {}).get('kernelspec', {}).get('name', 'python3')
    report = {'notebook': os.path.basename(path), 'kernel': kernel_name, 'cells': 0, 'status': 'ok'}
    began = time.monotonic()
    kernel = Kernel(door, kernel_name, timeout)
    try:
        await kernel.start()
        for index, cell in enumerate(notebook['cells']):
            if cell.get('cell_type') != 'code' or not source(cell).strip():
                continue
            reply, outputs = await kernel.execute(source(cell))
            cell['outputs'] = outputs
            cell['execution_count'] = reply.get('execution_count')
            report['cells'] += 1
            if reply.get('status') != 'ok':
                report.update(status='error', cell=index, code=source(cell)[:400],
                              error='%s: %s' % (reply.get('ename'), reply.get('evalue')))
                break
    except Exception as failure:  # a dead kernel or a timeout fails the notebook with the evidence
        report.update(status='error', error='%s: %s' % (type(failure).__name__, failure))
    finally:
        kernel.close()
    report['seconds'] = round(time.monotonic() - began, 1)
    if output_directory:
        os.makedirs(output_directory, exist_ok=True)
        with open(os.path.join(output_directory, os.path.basename(path)), 'w', encoding='utf-8') as file:
            json.dump(notebook, file, indent=1)
    return report


async def benchmark(door, kernel_name, cells, runs, timeout):
    kernel = Kernel(door, kernel_name, timeout)
    results = []
    try:
        await kernel.start()
        for code in cells:
            reply, _ = await kernel.execute(code)  # warm-up: first use compiles and plans
            if reply.get('status') != 'ok':
                raise RuntimeError('benchmark cell failed: %s: %s' % (reply.get('ename'), reply.get('evalue')))
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                await kernel.execute(code)
                times.append((time.perf_counter() - began) * 1000)
            results.append({'cell': code.splitlines()[0][:60] + (' …' if '\n' in code else ''), 'runs': runs,
                            'median_ms': round(statistics.median(times), 1), 'min_ms': round(min(times), 1),
                            'max_ms': round(max(times), 1)})
    finally:
        kernel.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--door', required=True, help='the front door, e.g. http://127.0.0.1:8080')
    parser.add_argument('--output-directory', help='where to write the executed notebooks')
    parser.add_argument('--timeout', type=int, default=300, help='seconds one cell may take')
    parser.add_argument('--benchmark', type=int, metavar='RUNS', help='time cells instead of running notebooks')
    parser.add_argument('--kernel', default='helk-lab', help='the kernel for --benchmark')
    parser.add_argument('--cell', action='append', default=[], help='a cell for --benchmark (repeatable)')
    parser.add_argument('notebooks', nargs='*')
    arguments = parser.parse_args()
    loop = ioloop.IOLoop.current()
    await_jupyter(arguments.door)
    if arguments.benchmark:
        for result in loop.run_sync(lambda: benchmark(arguments.door, arguments.kernel, arguments.cell,
                                                      arguments.benchmark, arguments.timeout)):
            print(json.dumps(result), flush=True)
        return 0
    if not arguments.notebooks:
        parser.error('name at least one notebook')
    failed = False
    for path in arguments.notebooks:
        report = loop.run_sync(lambda: run_notebook(arguments.door, path, arguments.output_directory,
                                                    arguments.timeout))
        print(json.dumps(report), flush=True)
        failed = failed or report['status'] != 'ok'
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
