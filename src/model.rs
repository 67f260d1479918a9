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

/// `value` as JSON text in ASCII only: every other character escaped as `\uXXXX` (UTF-16, surrogate pairs beyond
/// the BMP). The same JSON to any parser; but a JS engine turns ASCII bytes into a string an order of magnitude
/// faster than UTF-8 with a few Korean characters in it (75 KB: 8 µs against 218 µs in Node 20), and every result
/// crosses to JS as such bytes.
pub fn to_ascii_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = miniserde::json::to_string(value);
    if json.is_ascii() {
        return json;
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut ascii = String::with_capacity(json.len() + json.len() / 4);
    let mut rest = json.as_str();
    // ASCII runs are copied whole; each other character (only ever inside a JSON string, where \u is valid) escaped.
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        let Some((plain, tail)) = rest.split_at_checked(at) else { break };
        ascii.push_str(plain);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        for unit in c.encode_utf16(&mut [0; 2]) {
            ascii.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                ascii.push(char::from(HEX[usize::from((*unit >> shift) & 0xf)]));
            }
        }
        rest = chars.as_str();
    }
    ascii.push_str(rest);
    ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_json_escapes_exactly_the_non_ascii_characters() {
        let instance = VpcPeeringInstance {
            vpc_peering_name: "웹-app \"x\"\n".to_owned(),
            vpc_peering_description: "emoji 🙂 and é".to_owned(),
            ..VpcPeeringInstance::default()
        };
        let json = to_ascii_json(&instance);
        assert!(json.is_ascii(), "{json}");
        assert!(json.contains(r#""vpcPeeringName":"\uc6f9-app \"x\"\n""#), "{json}");
        assert!(json.contains(r#""vpcPeeringDescription":"emoji \ud83d\ude42 and \u00e9""#), "{json}");
        // An independent parser reads back the very same text.
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["vpcPeeringName"], "웹-app \"x\"\n");
        assert_eq!(parsed["vpcPeeringDescription"], "emoji 🙂 and é");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&miniserde::json::to_string(&instance)).unwrap(), parsed);
    }

    #[test]
    fn ascii_json_leaves_ascii_alone() {
        let answer = Answer { request_id: "r-1".to_owned(), return_code: "0".to_owned(), ..Answer::default() };
        assert_eq!(to_ascii_json(&answer), miniserde::json::to_string(&answer));
    }
}
