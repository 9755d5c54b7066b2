# Runs one command for the HELK lab appliance and makes sure it never outlives the appliance JVM.
#
# usage: python3 -c <this file> <appliance pid> <grace seconds> <command> [arguments...]
#
# The JVM cannot clean up after itself when it is SIGKILLed, and PR_SET_PDEATHSIG fires when the
# *thread* that forked exits, which in a JVM is an arbitrary pool thread. So this wrapper polls its
# parent instead: when the appliance is gone (or asks us to stop with SIGTERM), every descendant gets
# SIGTERM, then SIGKILL after the grace period. As a child subreaper it also inherits processes its
# command orphans (Jupyter's kernels run in sessions of their own), so those are found too.
import os
import signal
import sys
import time

appliance = int(sys.argv[1])
grace = float(sys.argv[2])
command = sys.argv[3:]

try:
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except Exception:
    pass

child = os.fork()
if child == 0:
    os.setsid()
    try:
        os.execvp(command[0], command)
    except OSError as failure:
        sys.stderr.write("helk-lab: could not run %s: %s\n" % (command[0], failure))
    os._exit(127)

stop_requested = []
signal.signal(signal.SIGTERM, lambda signum, frame: stop_requested.append(signum))
signal.signal(signal.SIGINT, lambda signum, frame: stop_requested.append(signum))
signal.signal(signal.SIGHUP, lambda signum, frame: stop_requested.append(signum))


def descendants():
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as stat_file:
                    stat = stat_file.read()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    found, frontier = [], [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent:
                found.append(pid)
                frontier.append(pid)
    return found


def signal_all(signum):
    targets = descendants() if os.path.isdir("/proc") else [child]
    for pid in targets:
        try:
            os.kill(pid, signum)
        except OSError:
            pass
    return targets


child_status = None


def reap():
    global child_status
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == child:
            child_status = os.waitstatus_to_exitcode(status)


def shut_down():
    signal_all(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        reap()
        if not descendants_alive():
            return
        time.sleep(0.1)
    signal_all(signal.SIGKILL)
    reap()


def descendants_alive():
    if not os.path.isdir("/proc"):
        return child_status is None
    for pid in descendants():
        try:
            with open("/proc/%d/stat" % pid) as stat_file:
                stat = stat_file.read()
            if stat[stat.rindex(")") + 2] != "Z":
                return True
        except (OSError, ValueError, IndexError):
            pass
    return False


def exit_code():
    if child_status is None:
        return 143
    return child_status if child_status >= 0 else 128 - child_status


while True:
    reap()
    if child_status is not None:
        # The command ended on its own; whatever it left behind goes with it.
        shut_down()
        sys.exit(exit_code())
    if stop_requested or os.getppid() != appliance:
        shut_down()
        sys.exit(exit_code())
    time.sleep(0.2)
