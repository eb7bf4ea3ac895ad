"""Virtual MFA devices end to end with boto3 and the AWS CLI: real TOTP seeds (codes computed
here with hmac, RFC 6238) and real QR code PNGs."""
import base64
import hashlib
import hmac
import os
import shutil
import struct
import subprocess
import tempfile
import time
import unittest
import zlib

from harness import ServerTestCase

ACCOUNT = "123456789012"


def totp(seed_b32, step):
    """The six-digit code of `step` (RFC 6238: HMAC-SHA-1, 30 s steps)."""
    key = base64.b32decode(seed_b32 + "=" * (-len(seed_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


def now_step():
    return int(time.time()) // 30


def png_size(png):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", png[16:24])
    return width, height


class MfaBoto3(ServerTestCase):
    def create(self, name, **kw):
        return self.iam.create_virtual_mfa_device(VirtualMFADeviceName=name, **kw)["VirtualMFADevice"]

    def enable(self, user, device, offset=0):
        seed = device["Base32StringSeed"].decode()
        step = now_step() + offset
        self.iam.enable_mfa_device(UserName=user, SerialNumber=device["SerialNumber"],
                                   AuthenticationCode1=totp(seed, step),
                                   AuthenticationCode2=totp(seed, step + 1))

    def test_create_returns_a_seed_and_a_qr_png(self):
        device = self.create("seedcheck", Path="/team/")
        self.assertEqual(device["SerialNumber"], "arn:aws:iam::%s:mfa/team/seedcheck" % ACCOUNT)
        seed = device["Base32StringSeed"]
        self.assertIsInstance(seed, bytes)
        self.assertRegex(seed.decode(), r"^[A-Z2-7]{32}$")
        self.assertEqual(len(base64.b32decode(seed)), 20)
        width, height = png_size(device["QRCodePNG"])
        self.assertEqual(width, height)
        self.assertGreaterEqual(width, 21 * 4)
        self.assertNotIn("Tags", device)
        self.assertError("EntityAlreadyExists", 409, "MFA device already exists.",
                         self.create, "SEEDCHECK")
        self.iam.delete_virtual_mfa_device(SerialNumber=device["SerialNumber"])

    @unittest.skipUnless(shutil.which("zbarimg"), "zbarimg (Debian zbar-tools) not installed")
    def test_qr_code_holds_the_otpauth_uri(self):
        device = self.create("qrcheck")
        with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as f:
            f.write(device["QRCodePNG"])
        try:
            out = subprocess.run(["zbarimg", "--quiet", "--raw", f.name], capture_output=True,
                                 text=True, timeout=60)
        finally:
            os.unlink(f.name)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "otpauth://totp/qrcheck@%s?secret=%s"
                         % (ACCOUNT, device["Base32StringSeed"].decode()))
        self.iam.delete_virtual_mfa_device(SerialNumber=device["SerialNumber"])

    def test_enable_list_deactivate(self):
        self.iam.create_user(UserName="mfa-user")
        device = self.create("mfa-life", Tags=[{"Key": "team", "Value": "a"}])
        serial = device["SerialNumber"]
        self.assertEqual(self.iam.list_mfa_devices(UserName="mfa-user")["MFADevices"], [])
        seed = device["Base32StringSeed"].decode()
        step = now_step()
        self.assertError("InvalidAuthenticationCode", 403,
                         "Authentication code for device is not valid.",
                         self.iam.enable_mfa_device, UserName="mfa-user", SerialNumber=serial,
                         AuthenticationCode1=totp(seed, step + 1),
                         AuthenticationCode2=totp(seed, step))
        self.enable("mfa-user", device)

        listed = self.iam.list_mfa_devices(UserName="mfa-user")
        self.assertFalse(listed["IsTruncated"])
        self.assertEqual(len(listed["MFADevices"]), 1)
        entry = listed["MFADevices"][0]
        self.assertEqual(entry["UserName"], "mfa-user")
        self.assertEqual(entry["SerialNumber"], serial)
        self.assertIn("EnableDate", entry)

        got = self.iam.get_mfa_device(SerialNumber=serial)
        self.assertEqual(got["UserName"], "mfa-user")
        self.assertEqual(got["SerialNumber"], serial)

        assigned = self.iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
        mine = [d for d in assigned if d["SerialNumber"] == serial]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["User"]["UserName"], "mfa-user")
        self.assertEqual(mine[0]["User"]["Arn"], "arn:aws:iam::%s:user/mfa-user" % ACCOUNT)
        self.assertIn("EnableDate", mine[0])
        unassigned = self.iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned")
        self.assertNotIn(serial, [d["SerialNumber"] for d in unassigned["VirtualMFADevices"]])

        self.iam.create_user(UserName="mfa-other")
        self.assertError("EntityAlreadyExists", 409, "MFA Device is already in use.",
                         self.enable, "mfa-other", device)
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete MFA device first.",
                         self.iam.delete_user, UserName="mfa-user")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must deactivate MFA device first.",
                         self.iam.delete_virtual_mfa_device, SerialNumber=serial)

        # Resync with codes ten steps ahead (a device whose clock runs fast).
        self.iam.resync_mfa_device(UserName="mfa-user", SerialNumber=serial,
                                   AuthenticationCode1=totp(seed, now_step() + 10),
                                   AuthenticationCode2=totp(seed, now_step() + 11))
        self.assertError("InvalidAuthenticationCode", 403,
                         "Authentication code for device is not valid.",
                         self.iam.resync_mfa_device, UserName="mfa-user", SerialNumber=serial,
                         AuthenticationCode1="000000", AuthenticationCode2="000000")

        self.iam.deactivate_mfa_device(UserName="mfa-user", SerialNumber=serial)
        self.assertEqual(self.iam.list_mfa_devices(UserName="mfa-user")["MFADevices"], [])
        # As recorded from AWS: the deactivated virtual device is gone.
        every = self.iam.list_virtual_mfa_devices()["VirtualMFADevices"]
        self.assertNotIn(serial, [d["SerialNumber"] for d in every])
        self.iam.delete_user(UserName="mfa-user")
        self.iam.delete_user(UserName="mfa-other")

    def test_recorded_errors(self):
        missing = "arn:aws:iam::%s:mfa/nonexistent-mfa" % ACCOUNT
        self.assertError("NoSuchEntity", 404,
                         "MFA Device with serial number %s does not exist." % missing,
                         self.iam.deactivate_mfa_device, SerialNumber=missing)
        self.assertError("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.",
                         self.iam.deactivate_mfa_device, UserName="nonexistent-user",
                         SerialNumber=missing)
        self.assertError("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.",
                         self.iam.enable_mfa_device, UserName="nonexistent-user",
                         SerialNumber=missing, AuthenticationCode1="123456",
                         AuthenticationCode2="654321")
        self.assertError("NoSuchEntity", 404,
                         "MFA Device with serial number %s does not exist." % missing,
                         self.iam.delete_virtual_mfa_device, SerialNumber=missing)
        self.assertError("ValidationError", 400, "Invalid Marker.",
                         self.iam.list_virtual_mfa_devices, Marker="invalid-marker")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'path' failed to satisfy constraint: "
            "Member must have length less than or equal to 512",
            self.iam.create_virtual_mfa_device, VirtualMFADeviceName="long-path",
            Path="/" + "a" * 511 + "/")

    def test_pagination_and_tags(self):
        serials = [self.create("page-%d" % i)["SerialNumber"] for i in range(5)]
        seen, marker = [], None
        while True:
            kw = {"MaxItems": 2, "AssignmentStatus": "Unassigned"}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_virtual_mfa_devices(**kw)
            seen += [d["SerialNumber"] for d in page["VirtualMFADevices"]]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        for s in serials:
            self.assertIn(s, seen)
        self.assertEqual(len(seen), len(set(seen)))

        serial = serials[0]
        self.iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "a", "Value": "1"},
                                                           {"Key": "b", "Value": "2"}])
        self.iam.untag_mfa_device(SerialNumber=serial, TagKeys=["a"])
        self.assertEqual(self.iam.list_mfa_device_tags(SerialNumber=serial)["Tags"],
                         [{"Key": "b", "Value": "2"}])
        self.assertError("InvalidInput", 400,
                         "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
                         self.iam.tag_mfa_device, SerialNumber=serial,
                         Tags=[{"Key": "x", "Value": "1"}, {"Key": "X", "Value": "2"}])
        for s in serials:
            self.iam.delete_virtual_mfa_device(SerialNumber=s)


class MfaCli(ServerTestCase):
    def test_main_flow(self):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "qr.png")
            _, out, _ = self.server.cli("iam", "create-virtual-mfa-device",
                                        "--virtual-mfa-device-name", "cli-device",
                                        "--outfile", png, "--bootstrap-method", "QRCodePNG")
            serial = out["VirtualMFADevice"]["SerialNumber"]
            with open(png, "rb") as f:
                png_size(f.read())
            seed_file = os.path.join(tmp, "seed.txt")
            self.server.cli("iam", "delete-virtual-mfa-device", "--serial-number", serial)
            _, out, _ = self.server.cli("iam", "create-virtual-mfa-device",
                                        "--virtual-mfa-device-name", "cli-device",
                                        "--outfile", seed_file,
                                        "--bootstrap-method", "Base32StringSeed")
            with open(seed_file) as f:
                seed = f.read().strip()
        self.server.cli("iam", "create-user", "--user-name", "cli-mfa")
        step = now_step()
        self.server.cli("iam", "enable-mfa-device", "--user-name", "cli-mfa",
                        "--serial-number", serial, "--authentication-code1", totp(seed, step),
                        "--authentication-code2", totp(seed, step + 1))
        _, out, _ = self.server.cli("iam", "list-mfa-devices", "--user-name", "cli-mfa")
        self.assertEqual([d["SerialNumber"] for d in out["MFADevices"]], [serial])
        self.server.cli("iam", "deactivate-mfa-device", "--user-name", "cli-mfa",
                        "--serial-number", serial)
        self.server.cli("iam", "delete-user", "--user-name", "cli-mfa")


if __name__ == "__main__":
    unittest.main()
