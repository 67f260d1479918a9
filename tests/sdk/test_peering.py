"""NCP's official Python SDK (`ncloud-vpc` 1.0.1 from PyPI), unmodified, drives every peering action against the
emulator, in both seeded accounts.

Nobody here wrote this client: it signs with `x-ncp-apigw-signature-v1`, sends every action as a POST with a form
body and `?responseFormatType=json`, reads `lastModifiyDate`, and raises `ApiException` (status, body) on a non-2xx
answer. It is pointed at the emulator as a user points it at any gateway: `NCLOUD_API_GW`, read when the first
`ncloud_vpc.Configuration()` is made. No header, method or model of the SDK is patched.

Run: `make test-sdk` (installs .venv-sdk/ from tests/sdk/requirements.txt, then runs this file with unittest).
"""

import json
import re
import time
import unittest

import sdk_emulator
from sdk_emulator import DELAY_MS, accounts, control, sdk

DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900$")
gateway = None  # the emulator's origin, e.g. http://127.0.0.1:41234 (sdk_emulator.py)


def setUpModule():
    global gateway
    gateway = sdk_emulator.start()


class PeeringWithTheOfficialSdk(unittest.TestCase):
    def setUp(self):
        control("reset", "POST")
        self.alice = sdk("alice")
        self.bob = sdk("bob")

    # --- helpers ----------------------------------------------------------------------------------------------------

    def assert_filled(self, response, rows):
        """Every field of the response and of each model the SDK filled is there: no string left empty where the
        emulator has the data (a description was given to every peering; a reverse number exists only with a reverse
        peering), `last_modifiy_date` included."""
        self.assertTrue(response.request_id)
        self.assertEqual(response.return_code, "0")
        self.assertEqual(response.return_message, "success")
        self.assertEqual(response.total_rows, rows)
        for peering in response.vpc_peering_instance_list:
            for attr, kind in peering.swagger_types.items():
                value = getattr(peering, attr)
                if kind == "CommonCode":
                    self.assertTrue(value.code, attr)
                    self.assertTrue(value.code_name, attr)
                elif kind == "bool":
                    self.assertIsInstance(value, bool, attr)
                elif attr == "reverse_vpc_peering_instance_no" and not peering.has_reverse_vpc_peering:
                    self.assertEqual(value, "", attr)
                else:
                    self.assertIsInstance(value, str, attr)
                    self.assertTrue(value, f"{attr} is empty")
            self.assertRegex(peering.create_date, DATE_RE)
            self.assertRegex(peering.last_modifiy_date, DATE_RE)

    def create(self, api, source, target, name, **cross):
        import ncloud_vpc

        response = api.create_vpc_peering_instance(
            ncloud_vpc.CreateVpcPeeringInstanceRequest(
                source_vpc_no=source, target_vpc_no=target, vpc_peering_name=name,
                vpc_peering_description=f"{name}: made by the Python SDK", **cross,
            )
        )
        self.assert_filled(response, 1)
        return response.vpc_peering_instance_list[0]

    def detail(self, api, number):
        import ncloud_vpc

        return api.get_vpc_peering_instance_detail(ncloud_vpc.GetVpcPeeringInstanceDetailRequest(vpc_peering_instance_no=number))

    def wait_for(self, api, number, status, timeout=10.0):
        """Polls the detail until the peering shows `status` (None: until the detail list is empty, i.e. gone)."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.detail(api, number)
            found = response.vpc_peering_instance_list[0] if response.vpc_peering_instance_list else None
            if (found is None and status is None) or (found is not None and found.vpc_peering_instance_status.code == status):
                return response
            if time.monotonic() > deadline:
                self.fail(f"peering {number} did not reach {status}: {found}")
            time.sleep(DELAY_MS / 3000)

    def last_request(self):
        return control("requests")[-1]

    def api_error(self, call):
        from ncloud_vpc.rest import ApiException

        with self.assertRaises(ApiException) as caught:
            call()
        return caught.exception, json.loads(caught.exception.body)

    # --- tests ------------------------------------------------------------------------------------------------------

    def test_the_sdk_picks_the_emulator_from_NCLOUD_API_GW_and_signs_with_v1(self):
        import ncloud_vpc

        self.assertEqual(ncloud_vpc.Configuration().host, f"{gateway}/vpc/v2")
        self.alice.get_vpc_peering_instance_list(ncloud_vpc.GetVpcPeeringInstanceListRequest())
        sent = self.last_request()
        self.assertEqual(sent["method"], "POST")
        self.assertEqual(sent["rawTarget"], "/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json")
        self.assertIn("x-ncp-apigw-signature-v1", sent["headers"])
        self.assertNotIn("x-ncp-apigw-signature-v2", sent["headers"])
        self.assertTrue(sent["signatureValid"])

    def test_same_account_create_detail_run_describe_delete(self):
        import ncloud_vpc

        created = self.create(self.alice, "10001", "10002", "web-to-app")
        self.assertEqual(created.vpc_peering_instance_status.code, "INIT")
        self.assertFalse(created.is_between_accounts)
        self.assertEqual((created.source_vpc_name, created.target_vpc_name), ("alice-web", "alice-app"))
        number = created.vpc_peering_instance_no

        running = self.wait_for(self.alice, number, "RUN")
        self.assert_filled(running, 1)
        self.assertEqual(running.vpc_peering_instance_list[0].vpc_peering_description, "web-to-app: made by the Python SDK")

        time.sleep(1.05)  # dates have one-second resolution: the change must show in last_modifiy_date
        described = self.alice.set_vpc_peering_description(
            ncloud_vpc.SetVpcPeeringDescriptionRequest(vpc_peering_instance_no=number, vpc_peering_description="설명 ✓ a/b&c=d")
        )
        self.assert_filled(described, 1)
        after = described.vpc_peering_instance_list[0]
        self.assertEqual(after.vpc_peering_description, "설명 ✓ a/b&c=d")
        self.assertGreater(after.last_modifiy_date, created.last_modifiy_date)
        self.assertEqual(self.detail(self.alice, number).vpc_peering_instance_list[0].vpc_peering_description, "설명 ✓ a/b&c=d")

        deleted = self.alice.delete_vpc_peering_instance(ncloud_vpc.DeleteVpcPeeringInstanceRequest(vpc_peering_instance_no=number))
        self.assert_filled(deleted, 1)
        self.assertEqual(deleted.vpc_peering_instance_list[0].vpc_peering_instance_status.code, "TERMTING")
        gone = self.wait_for(self.alice, number, None)
        self.assertEqual((gone.total_rows, gone.vpc_peering_instance_list), (0, []))

    def test_bob_creates_and_deletes_in_his_own_account(self):
        import ncloud_vpc

        created = self.create(self.bob, "20002", "20003", "api-to-batch")
        self.assertEqual(created.source_vpc_login_id, "bob@example.com")
        self.wait_for(self.bob, created.vpc_peering_instance_no, "RUN")
        # alice cannot see it
        self.assertEqual(self.detail(self.alice, created.vpc_peering_instance_no).total_rows, 0)
        self.bob.delete_vpc_peering_instance(ncloud_vpc.DeleteVpcPeeringInstanceRequest(vpc_peering_instance_no=created.vpc_peering_instance_no))
        self.wait_for(self.bob, created.vpc_peering_instance_no, None)

    def test_cross_account_accept_by_the_target_account(self):
        import ncloud_vpc

        created = self.create(self.alice, "10002", "20001", "app-to-bob-db", target_vpc_name="bob-db", target_vpc_login_id="bob@example.com")
        self.assertTrue(created.is_between_accounts)
        self.assertEqual(created.vpc_peering_instance_status.code, "INIT")
        self.assertEqual(created.target_vpc_login_id, "bob@example.com")
        number = created.vpc_peering_instance_no

        seen_by_bob = self.bob.get_vpc_peering_instance_list(ncloud_vpc.GetVpcPeeringInstanceListRequest())
        self.assert_filled(seen_by_bob, 1)
        self.assertEqual(seen_by_bob.vpc_peering_instance_list[0].vpc_peering_instance_no, number)

        refused, body = self.api_error(
            lambda: self.alice.accept_or_reject_vpc_peering(ncloud_vpc.AcceptOrRejectVpcPeeringRequest(vpc_peering_instance_no=number, is_accept=True))
        )
        self.assertEqual(refused.status, 400)
        self.assertEqual(body["responseError"]["returnCode"], "EMU_WRONG_ACCEPTOR")

        accepted = self.bob.accept_or_reject_vpc_peering(ncloud_vpc.AcceptOrRejectVpcPeeringRequest(vpc_peering_instance_no=number, is_accept=True))
        self.assertEqual(self.last_request()["form"]["isAccept"], "True")  # Python's spelling of the boolean
        self.assert_filled(accepted, 1)
        for api in (self.alice, self.bob):
            self.assert_filled(self.wait_for(api, number, "RUN"), 1)

    def test_cross_account_reject_by_the_target_account(self):
        import ncloud_vpc

        created = self.create(self.alice, "10002", "20002", "app-to-bob-api", target_vpc_name="bob-api", target_vpc_login_id="bob@example.com")
        number = created.vpc_peering_instance_no
        rejected = self.bob.accept_or_reject_vpc_peering(ncloud_vpc.AcceptOrRejectVpcPeeringRequest(vpc_peering_instance_no=number, is_accept=False))
        self.assertEqual(self.last_request()["form"]["isAccept"], "False")
        self.assertEqual(rejected.vpc_peering_instance_list[0].vpc_peering_instance_status.code, "TERMTING")
        self.wait_for(self.alice, number, None)

    def test_list_by_number_list_paging_and_sorting(self):
        import ncloud_vpc

        made = [
            self.create(self.alice, "10001", "10002", "d-peer"),
            self.create(self.alice, "10002", "10001", "a-peer"),
            self.create(self.alice, "10002", "10003", "c-peer"),
            self.create(self.alice, "10003", "10002", "b-peer"),
        ]
        numbers = [p.vpc_peering_instance_no for p in made]

        every = self.alice.get_vpc_peering_instance_list(ncloud_vpc.GetVpcPeeringInstanceListRequest())
        self.assert_filled(every, 4)
        reverse_of_first = next(p for p in every.vpc_peering_instance_list if p.vpc_peering_instance_no == numbers[0])
        self.assertTrue(reverse_of_first.has_reverse_vpc_peering)
        self.assertEqual(reverse_of_first.reverse_vpc_peering_instance_no, numbers[1])

        chosen = self.alice.get_vpc_peering_instance_list(
            ncloud_vpc.GetVpcPeeringInstanceListRequest(vpc_peering_instance_no_list=[numbers[3], numbers[1]])
        )
        self.assert_filled(chosen, 2)
        self.assertEqual(sorted(p.vpc_peering_instance_no for p in chosen.vpc_peering_instance_list), sorted([numbers[1], numbers[3]]))
        self.assertEqual(self.last_request()["form"]["vpcPeeringInstanceNoList.2"], numbers[1])

        def page(no, order):
            return self.alice.get_vpc_peering_instance_list(
                ncloud_vpc.GetVpcPeeringInstanceListRequest(page_no=no, page_size=3, sorted_by="vpcPeeringName", sorting_order=order)
            )

        first, second = page(1, "DESC"), page(2, "DESC")
        self.assertEqual([p.vpc_peering_name for p in first.vpc_peering_instance_list], ["d-peer", "c-peer", "b-peer"])
        self.assertEqual([p.vpc_peering_name for p in second.vpc_peering_instance_list], ["a-peer"])
        self.assertEqual((first.total_rows, second.total_rows), (4, 4))  # totalRows counts before paging
        self.assertEqual([p.vpc_peering_name for p in page(1, "ASC").vpc_peering_instance_list], ["a-peer", "b-peer", "c-peer"])

        by_name = self.alice.get_vpc_peering_instance_list(
            ncloud_vpc.GetVpcPeeringInstanceListRequest(vpc_peering_name="c-peer", source_vpc_name="alice-app", target_vpc_name="alice-legacy")
        )
        self.assert_filled(by_name, 1)
        self.assertEqual(by_name.vpc_peering_instance_list[0].vpc_peering_instance_no, numbers[2])

        self.wait_for(self.alice, numbers[3], "RUN")
        running = self.alice.get_vpc_peering_instance_list(ncloud_vpc.GetVpcPeeringInstanceListRequest(vpc_peering_instance_status_code="RUN"))
        self.assertEqual(running.total_rows, 4)

    def test_detail_of_an_unknown_peering_is_an_empty_list(self):
        empty = self.detail(self.alice, "999999")
        self.assertEqual((empty.return_code, empty.total_rows, empty.vpc_peering_instance_list), ("0", 0, []))

    def test_overlapping_cidr_blocks_surface_as_ApiException_400(self):
        import ncloud_vpc

        error, body = self.api_error(
            lambda: self.alice.create_vpc_peering_instance(ncloud_vpc.CreateVpcPeeringInstanceRequest(source_vpc_no="10001", target_vpc_no="10003"))
        )
        self.assertEqual(error.status, 400)
        self.assertEqual(body["responseError"]["returnCode"], "EMU_CIDR_OVERLAP")
        self.assertIn("overlap", body["responseError"]["returnMessage"])
        error, body = self.api_error(
            lambda: self.alice.create_vpc_peering_instance(
                ncloud_vpc.CreateVpcPeeringInstanceRequest(source_vpc_no="10001", target_vpc_no="20001", target_vpc_name="bob-db", target_vpc_login_id="bob@example.com")
            )
        )
        self.assertEqual((error.status, body["responseError"]["returnCode"]), (400, "EMU_CIDR_OVERLAP"))

    def test_a_bad_signature_surfaces_as_ApiException_401(self):
        import ncloud_vpc

        wrong_secret = sdk("alice", secret_key="not-alice's-secret-key-0000000000000000")
        error, body = self.api_error(lambda: wrong_secret.get_vpc_peering_instance_list(ncloud_vpc.GetVpcPeeringInstanceListRequest()))
        self.assertEqual(error.status, 401)
        self.assertEqual(body["error"]["errorCode"], "200")
        self.assertEqual(body["error"]["message"], "Authentication Failed")
        self.assertIn("Signature mismatch: x-ncp-apigw-signature-v1", body["error"]["details"])
        self.assertNotIn(accounts["alice"]["secretKey"], error.body)


if __name__ == "__main__":
    unittest.main()
