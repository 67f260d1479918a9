"""NCP's official Python SDK (`ncloud-vpc` 1.0.1), unmodified, drives the seven VPC and route actions against the
emulator, in both seeded accounts: getVpcList, getVpcDetail, getRouteTableList, getRouteTableDetail, getRouteList,
addRoute and removeRoute (with `RouteParameter`, which the SDK sends as `routeList.N.<field>`), and a whole connection
(two peerings, accepted, RUN, a route in every table of both VPCs, undone again) in one account and across two.

Every model the SDK fills is checked field by field (`swagger_types`): no string the emulator has data for is empty
(the local route has no target number), booleans are booleans, codes carry a code and a codeName.

Run: `make test-sdk`.
"""

import json
import re
import time
import unittest

import sdk_emulator
from sdk_emulator import accounts, control, pause, sdk

DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900$")


def setUpModule():
    sdk_emulator.start()


def numbers(models, attr):
    return [getattr(m, attr) for m in models]


class VpcsAndRoutesWithTheOfficialSdk(unittest.TestCase):
    def setUp(self):
        control("reset", "POST")
        self.alice = sdk("alice")
        self.bob = sdk("bob")

    # --- helpers ----------------------------------------------------------------------------------------------------

    def assert_filled(self, response, list_attr, rows):
        """The answer is a success with `rows` rows, and every field of every model is filled."""
        self.assertTrue(response.request_id)
        self.assertEqual((response.return_code, response.return_message, response.total_rows), ("0", "success", rows))
        models = getattr(response, list_attr)
        self.assertEqual(len(models), rows)
        for model in models:
            for attr, kind in model.swagger_types.items():
                value = getattr(model, attr)
                if kind == "CommonCode":
                    self.assertTrue(value.code and value.code_name, attr)
                elif kind == "bool":
                    self.assertIsInstance(value, bool, attr)
                elif attr == "target_no" and model.target_type.code == "LOCAL":
                    self.assertEqual(value, "", "the local route has no target number")
                else:
                    self.assertIsInstance(value, str, attr)
                    self.assertTrue(value, f"{type(model).__name__}.{attr} is empty")
        return models

    def last_form(self):
        sent = control("requests")[-1]
        self.assertEqual(sent["method"], "POST")
        self.assertIn("x-ncp-apigw-signature-v1", sent["headers"])
        self.assertTrue(sent["signatureValid"])
        return sent["form"]

    def api_error(self, call):
        from ncloud_vpc.rest import ApiException

        with self.assertRaises(ApiException) as caught:
            call()
        self.assertEqual(caught.exception.status, 400)
        return json.loads(caught.exception.body)["responseError"]["returnCode"]

    def peering(self, api, source, target, name, **cross):
        import ncloud_vpc

        created = api.create_vpc_peering_instance(
            ncloud_vpc.CreateVpcPeeringInstanceRequest(source_vpc_no=source, target_vpc_no=target, vpc_peering_name=name, **cross)
        )
        return created.vpc_peering_instance_list[0].vpc_peering_instance_no

    def accept(self, api, number):
        import ncloud_vpc

        api.accept_or_reject_vpc_peering(ncloud_vpc.AcceptOrRejectVpcPeeringRequest(vpc_peering_instance_no=number, is_accept=True))

    def wait_for(self, api, number, status, timeout=10.0):
        """Polls the peering's detail until it shows `status` (None: gone); returns the peering (or None)."""
        import ncloud_vpc

        deadline = time.monotonic() + timeout
        while True:
            found = api.get_vpc_peering_instance_detail(ncloud_vpc.GetVpcPeeringInstanceDetailRequest(vpc_peering_instance_no=number)).vpc_peering_instance_list
            peering = found[0] if found else None
            if (peering is None and status is None) or (peering is not None and peering.vpc_peering_instance_status.code == status):
                return peering
            if time.monotonic() > deadline:
                self.fail(f"peering {number} did not reach {status}: {peering}")
            pause()

    def tables(self, api, vpc_no):
        import ncloud_vpc

        return numbers(api.get_route_table_list(ncloud_vpc.GetRouteTableListRequest(vpc_no=vpc_no)).route_table_list, "route_table_no")

    def routes(self, api, vpc_no, table_no):
        import ncloud_vpc

        return api.get_route_list(ncloud_vpc.GetRouteListRequest(route_table_no=table_no, vpc_no=vpc_no))

    def route(self, api, action, vpc_no, table_no, destination, peering_no, peering_name):
        """addRoute or removeRoute of one VPCPEERING route, as the SDK sends it."""
        import ncloud_vpc

        request = {"add": ncloud_vpc.AddRouteRequest, "remove": ncloud_vpc.RemoveRouteRequest}[action]
        method = {"add": api.add_route, "remove": api.remove_route}[action]
        parameter = ncloud_vpc.RouteParameter(destination_cidr_block=destination, target_type_code="VPCPEERING", target_no=peering_no, target_name=peering_name)
        return method(request(vpc_no=vpc_no, route_table_no=table_no, route_list=[parameter]))

    def connect(self, forward_api, forward, reverse_api, reverse, names):
        """Routes both ways in every table of both VPCs: forward = (vpc, cidr, peering), reverse the same."""
        (source_vpc, source_cidr, forward_no), (target_vpc, target_cidr, reverse_no) = forward, reverse
        for table in self.tables(forward_api, source_vpc):
            added = self.route(forward_api, "add", source_vpc, table, target_cidr, forward_no, names[0])
            self.assert_filled(added, "route_list", 2)
        for table in self.tables(reverse_api, target_vpc):
            added = self.route(reverse_api, "add", target_vpc, table, source_cidr, reverse_no, names[1])
            self.assert_filled(added, "route_list", 2)

    # --- VPCs -------------------------------------------------------------------------------------------------------

    def test_get_vpc_list_shows_each_account_its_own_vpcs(self):
        import ncloud_vpc

        for name in ("alice", "bob"):
            api = sdk(name)
            every = self.assert_filled(api.get_vpc_list(ncloud_vpc.GetVpcListRequest()), "vpc_list", 4)
            self.assertEqual(numbers(every, "vpc_no"), [v["vpcNo"] for v in accounts[name]["vpcs"]])
            for vpc, seeded in zip(every, accounts[name]["vpcs"]):
                self.assertEqual((vpc.vpc_name, vpc.ipv4_cidr_block, vpc.vpc_status.code, vpc.region_code), (seeded["vpcName"], seeded["ipv4CidrBlock"], "RUN", "KR"))
                self.assertRegex(vpc.create_date, DATE_RE)

        chosen = self.alice.get_vpc_list(ncloud_vpc.GetVpcListRequest(vpc_no_list=["10004", "10002", "20001"], vpc_status_code="RUN"))
        self.assertEqual(numbers(self.assert_filled(chosen, "vpc_list", 2), "vpc_no"), ["10002", "10004"])
        form = self.last_form()
        self.assertEqual((form["vpcNoList.1"], form["vpcNoList.3"], form["vpcStatusCode"]), ("10004", "20001", "RUN"))
        by_name = self.bob.get_vpc_list(ncloud_vpc.GetVpcListRequest(vpc_name="bob-data"))
        self.assertEqual(numbers(self.assert_filled(by_name, "vpc_list", 1), "vpc_no"), ["20004"])

    def test_get_vpc_detail_of_own_vpc_and_of_anyone_elses(self):
        import ncloud_vpc

        mine = self.bob.get_vpc_detail(ncloud_vpc.GetVpcDetailRequest(vpc_no="20002"))
        self.assertEqual(self.assert_filled(mine, "vpc_list", 1)[0].vpc_name, "bob-api")
        theirs = self.alice.get_vpc_detail(ncloud_vpc.GetVpcDetailRequest(vpc_no="20002"))
        self.assertEqual((theirs.return_code, theirs.total_rows, theirs.vpc_list), ("0", 0, []))

    # --- route tables and routes ------------------------------------------------------------------------------------

    def test_route_tables_list_filters_sorts_pages_and_detail(self):
        import ncloud_vpc

        every = self.assert_filled(self.alice.get_route_table_list(ncloud_vpc.GetRouteTableListRequest()), "route_table_list", 8)
        self.assertTrue(all(t.is_default and t.route_table_status.code == "RUN" for t in every))
        of_web = self.assert_filled(self.alice.get_route_table_list(ncloud_vpc.GetRouteTableListRequest(vpc_no="10001")), "route_table_list", 2)
        self.assertEqual([(t.route_table_no, t.supported_subnet_type.code) for t in of_web], [("30001", "PUBLIC"), ("30002", "PRIVATE")])

        private = self.bob.get_route_table_list(ncloud_vpc.GetRouteTableListRequest(supported_subnet_type_code="PRIVATE", vpc_no="20004"))
        self.assertEqual(numbers(self.assert_filled(private, "route_table_list", 1), "route_table_no"), ["30016"])
        named = self.bob.get_route_table_list(ncloud_vpc.GetRouteTableListRequest(route_table_name="bob-db-default-public-table", route_table_no_list=["30009", "30010"]))
        self.assertEqual(numbers(self.assert_filled(named, "route_table_list", 1), "route_table_no"), ["30009"])
        self.assertEqual(self.last_form()["routeTableNoList.2"], "30010")

        def page(no):
            return self.alice.get_route_table_list(ncloud_vpc.GetRouteTableListRequest(page_no=no, page_size=3, sorted_by="routeTableName", sorting_order="DESC"))

        names = sorted(t.route_table_name for t in every)
        first, third = page(1), page(3)
        self.assertEqual(numbers(first.route_table_list, "route_table_name"), names[::-1][:3])
        self.assertEqual(numbers(third.route_table_list, "route_table_name"), names[::-1][6:])
        self.assertEqual((first.total_rows, third.total_rows), (8, 8))

        detail = self.alice.get_route_table_detail(ncloud_vpc.GetRouteTableDetailRequest(route_table_no="30008"))
        table = self.assert_filled(detail, "route_table_list", 1)[0]
        self.assertEqual((table.vpc_no, table.route_table_name, table.route_table_description), ("10004", "alice-data-default-private-table", "default PRIVATE route table of alice-data"))
        self.assertEqual(self.bob.get_route_table_detail(ncloud_vpc.GetRouteTableDetailRequest(route_table_no="30008")).total_rows, 0)

    def test_every_table_starts_with_its_local_route(self):
        for name in ("alice", "bob"):
            api = sdk(name)
            for vpc in accounts[name]["vpcs"]:
                for table in self.tables(api, vpc["vpcNo"]):
                    local = self.assert_filled(self.routes(api, vpc["vpcNo"], table), "route_list", 1)[0]
                    self.assertEqual(
                        (local.destination_cidr_block, local.target_name, local.route_table_no, local.target_type.code, local.target_no, local.is_default),
                        (vpc["ipv4CidrBlock"], "LOCAL", table, "LOCAL", "", True),
                    )

    def test_a_same_account_connection_routes_and_undoes(self):
        import ncloud_vpc

        forward = self.peering(self.alice, "10001", "10002", "web-to-app")
        reverse = self.peering(self.alice, "10002", "10001", "app-to-web")
        for number in (forward, reverse):
            self.wait_for(self.alice, number, "RUN")
        self.connect(self.alice, ("10001", "10.0.0.0/16", forward), self.alice, ("10002", "10.1.0.0/16", reverse), ("web-to-app", "app-to-web"))
        form = self.last_form()
        self.assertEqual(
            [form[f"routeList.1.{f}"] for f in ("destinationCidrBlock", "targetTypeCode", "targetNo", "targetName")],
            ["10.0.0.0/16", "VPCPEERING", reverse, "app-to-web"],
        )
        self.assertEqual((form["vpcNo"], form["routeTableNo"]), ("10002", "30004"))
        routed = self.assert_filled(self.routes(self.alice, "10001", "30002"), "route_list", 2)[1]
        self.assertEqual((routed.destination_cidr_block, routed.target_type.code, routed.target_no, routed.target_name, routed.is_default), ("10.1.0.0/16", "VPCPEERING", forward, "web-to-app", False))

        code = self.api_error(lambda: self.alice.delete_vpc_peering_instance(ncloud_vpc.DeleteVpcPeeringInstanceRequest(vpc_peering_instance_no=forward)))
        self.assertEqual(code, "EMU_PEERING_HAS_ROUTES")

        for vpc, cidr, number, name in (("10001", "10.1.0.0/16", forward, "web-to-app"), ("10002", "10.0.0.0/16", reverse, "app-to-web")):
            for table in self.tables(self.alice, vpc):
                left = self.route(self.alice, "remove", vpc, table, cidr, number, name)
                self.assertEqual(numbers(self.assert_filled(left, "route_list", 1), "is_default"), [True])
            self.alice.delete_vpc_peering_instance(ncloud_vpc.DeleteVpcPeeringInstanceRequest(vpc_peering_instance_no=number))
        for number in (forward, reverse):
            self.assertIsNone(self.wait_for(self.alice, number, None))

    def test_a_cross_account_connection_each_account_in_its_own_vpc(self):
        forward = self.peering(self.alice, "10004", "20004", "alice-to-bob", target_vpc_name="bob-data", target_vpc_login_id="bob@example.com")
        reverse = self.peering(self.bob, "20004", "10004", "bob-to-alice", target_vpc_name="alice-data", target_vpc_login_id="alice@example.com")
        self.accept(self.bob, forward)
        self.accept(self.alice, reverse)
        for api in (self.alice, self.bob):
            seen = self.wait_for(api, forward, "RUN")
            self.assertEqual((seen.has_reverse_vpc_peering, seen.reverse_vpc_peering_instance_no), (True, reverse))
            self.assertEqual(self.wait_for(api, reverse, "RUN").reverse_vpc_peering_instance_no, forward)

        # Each account routes in its own VPC only, with the peering whose source that VPC is.
        self.assertEqual(self.api_error(lambda: self.route(self.bob, "add", "10004", "30007", "10.3.0.0/16", forward, "alice-to-bob")), "EMU_VPC_NOT_FOUND")
        self.assertEqual(self.api_error(lambda: self.route(self.bob, "add", "20004", "30007", "10.2.0.0/16", reverse, "bob-to-alice")), "EMU_ROUTE_TABLE_NOT_FOUND")
        self.assertEqual(self.api_error(lambda: self.route(self.bob, "add", "20004", "30015", "10.2.0.0/16", forward, "alice-to-bob")), "EMU_PEERING_SOURCE_MISMATCH")
        self.connect(self.alice, ("10004", "10.2.0.0/16", forward), self.bob, ("20004", "10.3.0.0/16", reverse), ("alice-to-bob", "bob-to-alice"))

        state = control("state")
        routed = {t["routeTableNo"]: [r["targetNo"] for r in t["routes"] if r["targetType"]["code"] == "VPCPEERING"] for t in state["routeTables"]}
        self.assertEqual([routed[t] for t in ("30007", "30008", "30015", "30016")], [[forward], [forward], [reverse], [reverse]])
        self.assertEqual(sum(len(v) for v in routed.values()), 4, "no route anywhere else")

    def test_route_rules_surface_as_ApiException_400(self):
        import ncloud_vpc

        creating = self.peering(self.alice, "10001", "10002", "web-to-app")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.1.0.0/16", creating, "web-to-app")), "EMU_PEERING_NOT_RUNNING")
        self.wait_for(self.alice, creating, "RUN")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.0.4.0/24", creating, "web-to-app")), "EMU_ROUTE_WITHIN_VPC")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.1.0.1/16", creating, "web-to-app")), "EMU_INVALID_CIDR")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.1.0.0/16", creating, "another-name")), "EMU_ROUTE_TARGET_NAME_MISMATCH")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30003", "10.1.0.0/16", creating, "web-to-app")), "EMU_ROUTE_TABLE_NOT_IN_VPC")
        self.route(self.alice, "add", "10001", "30001", "10.1.0.0/16", creating, "web-to-app")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.1.0.0/16", creating, "web-to-app")), "EMU_DUPLICATE_ROUTE")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "remove", "10001", "30002", "10.1.0.0/16", creating, "web-to-app")), "EMU_ROUTE_NOT_FOUND")
        self.assertEqual(self.api_error(lambda: self.route(self.alice, "add", "10001", "30001", "10.5.0.0/16", "424242", "nope")), "EMU_ROUTE_TARGET_NOT_FOUND")
        self.assertEqual(
            self.api_error(lambda: self.alice.get_route_list(ncloud_vpc.GetRouteListRequest(route_table_no="30001", vpc_no="20001"))),
            "EMU_VPC_NOT_FOUND",
        )


if __name__ == "__main__":
    unittest.main()
