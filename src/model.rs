//! The result model: what every peering action answers (`VpcPeeringInstanceList`), shaped like NCP's JSON answer
//! without its outer `<action>Response` key. An absent text field reads as `""`, an absent flag as `false`.

use serde::Serialize;

/// A `{code, codeName}` pair (`vpcPeeringInstanceStatus`, `vpcPeeringInstanceOperation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeName {
    /// The stable code, such as `INIT`, `RUN`, `TERMTING`; branch on this.
    pub code: String,
    /// A short name for the code.
    pub code_name: String,
}

/// One VPC peering, every field the API documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VpcPeeringInstance {
    /// The peering's number.
    pub vpc_peering_instance_no: String,
    /// The peering's name.
    pub vpc_peering_name: String,
    /// The region, such as `KR`.
    pub region_code: String,
    /// When it was created, as NCP writes it (`2020-08-07T17:53:06+0900`).
    pub create_date: String,
    /// When it last changed; filled from `lastModifyDate` or the SDKs' spelling `lastModifiyDate`.
    pub last_modify_date: String,
    /// Its status: `INIT`, `RUN`, `TERMTING`.
    pub vpc_peering_instance_status: CodeName,
    /// The status as localised text: show it, never branch on it.
    pub vpc_peering_instance_status_name: String,
    /// The operation under way (`NULL` when none).
    pub vpc_peering_instance_operation: CodeName,
    /// The requesting VPC's number.
    pub source_vpc_no: String,
    /// The requesting VPC's name.
    pub source_vpc_name: String,
    /// The requesting VPC's IPv4 CIDR block.
    pub source_vpc_ipv4_cidr_block: String,
    /// The requesting VPC owner's login ID.
    pub source_vpc_login_id: String,
    /// The accepting VPC's number.
    pub target_vpc_no: String,
    /// The accepting VPC's name.
    pub target_vpc_name: String,
    /// The accepting VPC's IPv4 CIDR block.
    pub target_vpc_ipv4_cidr_block: String,
    /// The accepting VPC owner's login ID.
    pub target_vpc_login_id: String,
    /// The peering's description.
    pub vpc_peering_description: String,
    /// Whether a peering in the other direction exists.
    pub has_reverse_vpc_peering: bool,
    /// Whether the two VPCs belong to different accounts.
    pub is_between_accounts: bool,
    /// The reverse peering's number, if any.
    pub reverse_vpc_peering_instance_no: String,
}

/// A successful answer of any peering action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The request's ID, for NCP support.
    pub request_id: String,
    /// `"0"` on success.
    pub return_code: String,
    /// `success` on success.
    pub return_message: String,
    /// How many peerings matched (before paging); the list's length when the answer omits it.
    pub total_rows: u32,
    /// The peerings.
    pub vpc_peering_instance_list: Vec<VpcPeeringInstance>,
}
