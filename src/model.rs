//! The result model: what every peering action answers (`VpcPeeringInstanceList`), shaped like NCP's JSON answer
//! without its outer `<action>Response` key. An absent text field reads as `""`, an absent flag as `false`.
//! Serialised with miniserde to one JSON string that JS parses natively: one boundary crossing per result.

use miniserde::Serialize;

/// A `{code, codeName}` pair (`vpcPeeringInstanceStatus`, `vpcPeeringInstanceOperation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CodeName {
    /// The stable code, such as `INIT`, `RUN`, `TERMTING`; branch on this.
    pub code: String,
    /// A short name for the code.
    #[serde(rename = "codeName")]
    pub code_name: String,
}

/// One VPC peering, every field the API documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VpcPeeringInstance {
    /// The peering's number.
    #[serde(rename = "vpcPeeringInstanceNo")]
    pub vpc_peering_instance_no: String,
    /// The peering's name.
    #[serde(rename = "vpcPeeringName")]
    pub vpc_peering_name: String,
    /// The region, such as `KR`.
    #[serde(rename = "regionCode")]
    pub region_code: String,
    /// When it was created, as NCP writes it (`2020-08-07T17:53:06+0900`).
    #[serde(rename = "createDate")]
    pub create_date: String,
    /// When it last changed; filled from `lastModifyDate` or the SDKs' spelling `lastModifiyDate`.
    #[serde(rename = "lastModifyDate")]
    pub last_modify_date: String,
    /// Its status: `INIT`, `RUN`, `TERMTING`.
    #[serde(rename = "vpcPeeringInstanceStatus")]
    pub vpc_peering_instance_status: CodeName,
    /// The status as localised text: show it, never branch on it.
    #[serde(rename = "vpcPeeringInstanceStatusName")]
    pub vpc_peering_instance_status_name: String,
    /// The operation under way (`NULL` when none).
    #[serde(rename = "vpcPeeringInstanceOperation")]
    pub vpc_peering_instance_operation: CodeName,
    /// The requesting VPC's number.
    #[serde(rename = "sourceVpcNo")]
    pub source_vpc_no: String,
    /// The requesting VPC's name.
    #[serde(rename = "sourceVpcName")]
    pub source_vpc_name: String,
    /// The requesting VPC's IPv4 CIDR block.
    #[serde(rename = "sourceVpcIpv4CidrBlock")]
    pub source_vpc_ipv4_cidr_block: String,
    /// The requesting VPC owner's login ID.
    #[serde(rename = "sourceVpcLoginId")]
    pub source_vpc_login_id: String,
    /// The accepting VPC's number.
    #[serde(rename = "targetVpcNo")]
    pub target_vpc_no: String,
    /// The accepting VPC's name.
    #[serde(rename = "targetVpcName")]
    pub target_vpc_name: String,
    /// The accepting VPC's IPv4 CIDR block.
    #[serde(rename = "targetVpcIpv4CidrBlock")]
    pub target_vpc_ipv4_cidr_block: String,
    /// The accepting VPC owner's login ID.
    #[serde(rename = "targetVpcLoginId")]
    pub target_vpc_login_id: String,
    /// The peering's description.
    #[serde(rename = "vpcPeeringDescription")]
    pub vpc_peering_description: String,
    /// Whether a peering in the other direction exists.
    #[serde(rename = "hasReverseVpcPeering")]
    pub has_reverse_vpc_peering: bool,
    /// Whether the two VPCs belong to different accounts.
    #[serde(rename = "isBetweenAccounts")]
    pub is_between_accounts: bool,
    /// The reverse peering's number, if any.
    #[serde(rename = "reverseVpcPeeringInstanceNo")]
    pub reverse_vpc_peering_instance_no: String,
}

/// A successful answer of any peering action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The request's ID, for NCP support.
    #[serde(rename = "requestId")]
    pub request_id: String,
    /// `"0"` on success.
    #[serde(rename = "returnCode")]
    pub return_code: String,
    /// `success` on success.
    #[serde(rename = "returnMessage")]
    pub return_message: String,
    /// How many peerings matched (before paging); the list's length when the answer omits it.
    #[serde(rename = "totalRows")]
    pub total_rows: u32,
    /// The peerings.
    #[serde(rename = "vpcPeeringInstanceList")]
    pub vpc_peering_instance_list: Vec<VpcPeeringInstance>,
}
