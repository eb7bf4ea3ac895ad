"""Progress of long command-line operations: shown on a terminal, silent in a pipe."""
import os
import pty
import select
import subprocess
import tempfile
import unittest

from harness import BIN, ROOT, Server

FIXTURE = os.path.join(ROOT, "scripts", "fixtures", "founding-example.json")


def run_with_terminal_stderr(args, timeout=60):
    """Runs args with standard error on a pseudo-terminal; returns (exit code, what it showed)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    p.stdout.read()
    return p.wait(timeout=timeout), shown.decode(errors="replace")


class Progress(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--fixture", FIXTURE, "--quiet")
        cls.state = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
        out = subprocess.run([BIN, "export", "--url", cls.server.endpoint], capture_output=True,
                             check=True)
        cls.state.write(out.stdout)
        cls.state.close()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        os.unlink(cls.state.name)

    def test_import_shows_its_stages_on_a_terminal(self):
        rc, shown = run_with_terminal_stderr(
            [BIN, "import", self.state.name, "--url", self.server.endpoint])
        self.assertEqual(rc, 0, shown)
        self.assertIn("[iamlite] import %s: sending " % self.state.name, shown)
        self.assertIn("[iamlite] import %s: replaced the server's state (" % self.state.name,
                      shown)

    def test_import_is_silent_in_a_pipe(self):
        p = subprocess.run([BIN, "import", self.state.name, "--url", self.server.endpoint],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        self.assertIn('"status":"ok"', p.stdout)

    def test_import_into_a_state_directory(self):
        with tempfile.TemporaryDirectory() as d:
            rc, shown = run_with_terminal_stderr([BIN, "import", self.state.name, "--state-dir", d])
            self.assertEqual(rc, 0, shown)
            self.assertIn("checking ", shown)
            self.assertIn("1 account(s) imported (", shown)

    def test_fixture_loading_at_start_up(self):
        master, slave = pty.openpty()
        p = subprocess.Popen([BIN, "serve", "--port", "0", "--fixture", FIXTURE],
                             stdout=subprocess.PIPE, stderr=slave, text=True)
        os.close(slave)
        try:
            self.assertIn("ready on", p.stdout.readline())
            shown = b""
            while b"console" not in shown:
                ready, _, _ = select.select([master], [], [], 10)
                self.assertTrue(ready, shown)
                shown += os.read(master, 4096)
            self.assertIn(b"[iamlite] fixtures: loading %s (1 of 1)" % FIXTURE.encode(), shown)
            self.assertIn(b"[iamlite] fixtures: 1 file(s) loaded (", shown)
        finally:
            p.terminate()
            p.wait(timeout=10)
            os.close(master)


if __name__ == "__main__":
    unittest.main()
