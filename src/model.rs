//! The result model: what every peering action answers (`VpcPeeringInstanceList`), shaped like NCP's JSON answer
//! without its outer `<action>Response` key. An absent text field reads as `""`, an absent flag as `false`.
//!
//! Results cross to JS as JSON text that the engine parses natively (one boundary crossing per result), written
//! here by hand: ASCII only, and an instance's empty fields left out, which the JS side fills back
//! (`src/js/objects.js`). Leaving them out keeps the text no longer than the answer it came from, however small
//! its instances: the wasm's memory stays a small multiple of the answer's size (docs/security.md).

use crate::action::Action;

/// A `{code, codeName}` pair (`vpcPeeringInstanceStatus`, `vpcPeeringInstanceOperation`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeName {
    /// The stable code, such as `INIT`, `RUN`, `TERMTING`; branch on this.
    pub code: String,
    /// A short name for the code.
    pub code_name: String,
}

/// One VPC peering, every field the API documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

/// A successful answer of any peering action. `L` holds its instances: a `Vec` by default, or a [`JsonList`] that
/// writes each one out as it arrives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer<L = Vec<VpcPeeringInstance>> {
    /// The request's ID, for NCP support.
    pub request_id: String,
    /// `"0"` on success.
    pub return_code: String,
    /// `success` on success.
    pub return_message: String,
    /// How many peerings matched (before paging); the list's length when the answer omits it.
    pub total_rows: u32,
    /// The peerings.
    pub vpc_peering_instance_list: L,
}


/// The wire names of an instance's text fields, in the order of [`VpcPeeringInstance::texts`].
pub const TEXT_FIELDS: [&str; TEXTS] = [
    "vpcPeeringInstanceNo", "vpcPeeringName", "regionCode", "createDate", "lastModifyDate",
    "vpcPeeringInstanceStatusName", "sourceVpcNo", "sourceVpcName", "sourceVpcIpv4CidrBlock", "sourceVpcLoginId",
    "targetVpcNo", "targetVpcName", "targetVpcIpv4CidrBlock", "targetVpcLoginId", "vpcPeeringDescription",
    "reverseVpcPeeringInstanceNo",
];

/// How many text fields an instance has.
const TEXTS: usize = 16;

/// The wire names of an instance's flags, in the order of [`VpcPeeringInstance::flags`].
pub const FLAG_FIELDS: [&str; 2] = ["hasReverseVpcPeering", "isBetweenAccounts"];

/// The wire names of an instance's `{code, codeName}` pairs, in the order of [`VpcPeeringInstance::pairs`].
pub const PAIR_FIELDS: [&str; 2] = ["vpcPeeringInstanceStatus", "vpcPeeringInstanceOperation"];

impl VpcPeeringInstance {
    /// The text fields, in the order of [`TEXT_FIELDS`].
    pub fn texts(&self) -> [&String; TEXTS] {
        [
            &self.vpc_peering_instance_no, &self.vpc_peering_name, &self.region_code, &self.create_date,
            &self.last_modify_date, &self.vpc_peering_instance_status_name, &self.source_vpc_no, &self.source_vpc_name,
            &self.source_vpc_ipv4_cidr_block, &self.source_vpc_login_id, &self.target_vpc_no, &self.target_vpc_name,
            &self.target_vpc_ipv4_cidr_block, &self.target_vpc_login_id, &self.vpc_peering_description,
            &self.reverse_vpc_peering_instance_no,
        ]
    }

    /// Every text, to fill or scrub: the text fields in the order of [`TEXT_FIELDS`], then the status pair's code
    /// and codeName, then the operation pair's.
    pub fn texts_mut(&mut self) -> [&mut String; TEXTS + 4] {
        [
            &mut self.vpc_peering_instance_no, &mut self.vpc_peering_name, &mut self.region_code, &mut self.create_date,
            &mut self.last_modify_date, &mut self.vpc_peering_instance_status_name, &mut self.source_vpc_no,
            &mut self.source_vpc_name, &mut self.source_vpc_ipv4_cidr_block, &mut self.source_vpc_login_id,
            &mut self.target_vpc_no, &mut self.target_vpc_name, &mut self.target_vpc_ipv4_cidr_block,
            &mut self.target_vpc_login_id, &mut self.vpc_peering_description, &mut self.reverse_vpc_peering_instance_no,
            &mut self.vpc_peering_instance_status.code, &mut self.vpc_peering_instance_status.code_name,
            &mut self.vpc_peering_instance_operation.code, &mut self.vpc_peering_instance_operation.code_name,
        ]
    }

    /// The flags, in the order of [`FLAG_FIELDS`].
    pub fn flags_mut(&mut self) -> [&mut bool; 2] {
        [&mut self.has_reverse_vpc_peering, &mut self.is_between_accounts]
    }

    /// The `{code, codeName}` pairs, in the order of [`PAIR_FIELDS`].
    pub fn pairs_mut(&mut self) -> [&mut CodeName; 2] {
        [&mut self.vpc_peering_instance_status, &mut self.vpc_peering_instance_operation]
    }
}

/// Where a parse puts each instance, in order, as soon as it is complete.
pub trait Instances {
    /// An empty list for an answer to `action`.
    fn for_action(action: Action) -> Self;
    /// Takes the next instance.
    fn push(&mut self, instance: VpcPeeringInstance);
    /// How many were pushed.
    fn count(&self) -> usize;
}

impl Instances for Vec<VpcPeeringInstance> {
    fn for_action(_: Action) -> Self {
        Vec::new()
    }

    fn push(&mut self, instance: VpcPeeringInstance) {
        Vec::push(self, instance);
    }

    fn count(&self) -> usize {
        self.len()
    }
}

/// Instances written out as JSON (see the module's doc) the moment they arrive, so that a long list never exists
/// twice. A detail answer's instance (at most one) is also kept as a value, for a wait to judge.
#[derive(Debug)]
pub struct JsonList {
    /// `[` and the instances so far, comma-separated.
    items: String,
    /// The first instance of a detail answer.
    pub first: Option<VpcPeeringInstance>,
    keep_first: bool,
    count: usize,
}

impl JsonList {
    /// The list as a JSON array.
    pub fn into_json(self) -> String {
        let mut json = self.items;
        json.push(']');
        json
    }
}

impl Instances for JsonList {
    fn for_action(action: Action) -> Self {
        JsonList { items: String::from("["), first: None, keep_first: action == Action::Detail, count: 0 }
    }

    fn push(&mut self, instance: VpcPeeringInstance) {
        // The room this instance needs, its comma and the closing bracket included. An instance larger than the
        // list so far (one huge description, say) gets exactly that: doubling would leave up to as much again unused.
        let need = instance_json_len(&instance) + 2;
        if self.items.capacity() - self.items.len() < need {
            if need > self.items.len() {
                self.items.reserve_exact(need);
            } else {
                self.items.reserve(need);
            }
        }
        if self.count > 0 {
            self.items.push(',');
        }
        write_instance(&mut self.items, &instance);
        if self.keep_first && self.first.is_none() {
            self.first = Some(instance);
        }
        self.count += 1;
    }

    fn count(&self) -> usize {
        self.count
    }
}

/// The length of `text` written by [`write_json_string`], quotes included. Counted on the bytes: a character
/// beyond ASCII is counted at its lead byte, as one `\uXXXX` or (beyond the BMP, a 4-byte lead) two.
pub fn json_string_len(text: &str) -> usize {
    let escaped: usize = text
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' => 2,
            0..=0x1f => 6,
            0x20..=0x7f => 1,
            0x80..=0xbf => 0,
            0xc0..=0xef => 6,
            _ => 12,
        })
        .sum();
    escaped + 2
}

/// The length of the instance written by [`write_instance`].
fn instance_json_len(instance: &VpcPeeringInstance) -> usize {
    // Each field costs its name, quotes, colon and comma besides its value; a pair its braces too.
    let texts: usize = TEXT_FIELDS.iter().zip(instance.texts()).filter(|(_, t)| !t.is_empty()).map(|(n, t)| n.len() + 4 + json_string_len(t)).sum();
    let pairs = [&instance.vpc_peering_instance_status, &instance.vpc_peering_instance_operation];
    let pairs: usize = PAIR_FIELDS
        .iter()
        .zip(pairs)
        .map(|(name, pair)| {
            let code = if pair.code.is_empty() { 0 } else { 8 + json_string_len(&pair.code) };
            let code_name = if pair.code_name.is_empty() { 0 } else { 12 + json_string_len(&pair.code_name) };
            if code + code_name == 0 { 0 } else { name.len() + 6 + code + code_name }
        })
        .sum();
    texts + pairs + FLAG_FIELDS.iter().map(|name| name.len() + 8).sum::<usize>() + 2
}

/// Appends `text` as a JSON string in ASCII: `"`, `\` and control characters escaped, every other character beyond
/// ASCII as `\uXXXX` (UTF-16, surrogate pairs beyond the BMP). The same JSON to any parser; but a JS engine turns
/// ASCII bytes into a string an order of magnitude faster than UTF-8 with a few Korean characters in it (75 KB:
/// 8 µs against 218 µs in Node 20), and every result crosses to JS as such bytes.
pub fn write_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut rest = text;
    // Runs that need no escape are copied whole.
    while let Some(at) = rest.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\' || !b.is_ascii()) {
        let Some((plain, tail)) = rest.split_at_checked(at) else { break };
        out.push_str(plain);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(char::from(HEX[usize::from((*unit >> shift) & 0xf)]));
                    }
                }
            }
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
}

/// `text` as an ASCII JSON string (see [`write_json_string`]).
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(json_string_len(text));
    write_json_string(&mut out, text);
    out
}

/// Appends `,"name":` (or `"name":` first in its object).
fn write_key(out: &mut String, first: &mut bool, name: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
}

/// Appends the instance as a JSON object of its non-empty fields only (the JS side fills in the rest).
pub fn write_instance(out: &mut String, instance: &VpcPeeringInstance) {
    out.push('{');
    let mut first = true;
    for (name, text) in TEXT_FIELDS.iter().zip(instance.texts()) {
        if !text.is_empty() {
            write_key(out, &mut first, name);
            write_json_string(out, text);
        }
    }
    let pairs = [&instance.vpc_peering_instance_status, &instance.vpc_peering_instance_operation];
    for (name, pair) in PAIR_FIELDS.iter().zip(pairs) {
        if pair.code.is_empty() && pair.code_name.is_empty() {
            continue;
        }
        write_key(out, &mut first, name);
        out.push('{');
        let mut first_in_pair = true;
        for (key, text) in [("code", &pair.code), ("codeName", &pair.code_name)] {
            if !text.is_empty() {
                write_key(out, &mut first_in_pair, key);
                write_json_string(out, text);
            }
        }
        out.push('}');
    }
    for (name, flag) in FLAG_FIELDS.iter().zip([instance.has_reverse_vpc_peering, instance.is_between_accounts]) {
        if flag {
            write_key(out, &mut first, name);
            out.push_str("true");
        }
    }
    out.push('}');
}

/// The instance as JSON (see [`write_instance`]).
pub fn instance_json(instance: &VpcPeeringInstance) -> String {
    let mut out = String::new();
    write_instance(&mut out, instance);
    out
}

/// The answer's own fields as a JSON object, its list left out (it travels on its own: [`JsonList`]).
pub fn head_json<L>(answer: &Answer<L>) -> String {
    let texts = [("requestId", &answer.request_id), ("returnCode", &answer.return_code), ("returnMessage", &answer.return_message)];
    let mut out = String::with_capacity(texts.iter().map(|(name, text)| name.len() + 4 + json_string_len(text)).sum::<usize>() + 32);
    out.push('{');
    let mut first = true;
    for (name, text) in texts {
        write_key(&mut out, &mut first, name);
        write_json_string(&mut out, text);
    }
    write_key(&mut out, &mut first, "totalRows");
    out.push_str(&answer.total_rows.to_string());
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> VpcPeeringInstance {
        VpcPeeringInstance {
            vpc_peering_instance_no: "16212".to_owned(),
            vpc_peering_name: "웹-app \"x\"\n\\".to_owned(),
            vpc_peering_instance_status: CodeName { code: "RUN".to_owned(), code_name: String::new() },
            vpc_peering_description: "emoji 🙂 and é\u{1}".to_owned(),
            is_between_accounts: true,
            ..VpcPeeringInstance::default()
        }
    }

    #[test]
    fn instance_json_is_ascii_and_holds_only_the_non_empty_fields() {
        let json = instance_json(&sample());
        assert!(json.is_ascii(), "{json}");
        assert_eq!(
            json,
            r#"{"vpcPeeringInstanceNo":"16212","vpcPeeringName":"\uc6f9-app \"x\"\n\\","vpcPeeringDescription":"emoji \ud83d\ude42 and \u00e9\u0001","vpcPeeringInstanceStatus":{"code":"RUN"},"isBetweenAccounts":true}"#
        );
        // An independent parser reads back the very same text.
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["vpcPeeringName"], "웹-app \"x\"\n\\");
        assert_eq!(parsed["vpcPeeringDescription"], "emoji 🙂 and é\u{1}");
        assert_eq!(instance_json(&VpcPeeringInstance::default()), "{}");
    }

    #[test]
    fn every_text_field_is_written_under_its_name() {
        let mut instance = VpcPeeringInstance::default();
        for (i, text) in instance.texts_mut().into_iter().take(TEXTS).enumerate() {
            *text = format!("t{i}");
        }
        let parsed: serde_json::Value = serde_json::from_str(&instance_json(&instance)).unwrap();
        for (i, name) in TEXT_FIELDS.iter().enumerate() {
            assert_eq!(parsed[name], format!("t{i}"), "{name}");
        }
        assert_eq!(parsed.as_object().unwrap().len(), TEXTS);
    }

    #[test]
    fn a_json_list_is_an_array_and_keeps_a_detail_answers_instance() {
        assert_eq!(JsonList::for_action(Action::List).into_json(), "[]");
        let mut list = JsonList::for_action(Action::List);
        list.push(sample());
        list.push(VpcPeeringInstance { vpc_peering_instance_no: "2".to_owned(), ..VpcPeeringInstance::default() });
        assert_eq!(list.count(), 2);
        assert!(list.first.is_none(), "only a detail answer's is kept");
        let parsed: serde_json::Value = serde_json::from_str(&list.into_json()).unwrap();
        assert_eq!(parsed[1], serde_json::json!({ "vpcPeeringInstanceNo": "2" }));
        let mut detail = JsonList::for_action(Action::Detail);
        detail.push(sample());
        assert_eq!(detail.first, Some(sample()));
    }

    #[test]
    fn lengths_are_computed_exactly() {
        for text in ["", "a", "\"\\\n\r\t\u{1}\u{1f}", "é한😀", &"x".repeat(1000)] {
            assert_eq!(json_string_len(text), json_string(text).len(), "{text:?}");
        }
        let mut full = sample();
        full.vpc_peering_instance_operation.code_name = "NULL OP".to_owned();
        full.has_reverse_vpc_peering = true;
        for instance in [sample(), full, VpcPeeringInstance::default()] {
            // An upper bound that never falls short, off by no more than the flags left out.
            let len = instance_json(&instance).len();
            let bound = instance_json_len(&instance);
            assert!(bound >= len && bound <= len + 60, "{len} {bound}");
        }
    }

    #[test]
    fn head_json_holds_the_answer_fields() {
        let answer: Answer = Answer { request_id: "r-\"1".to_owned(), return_code: "0".to_owned(), total_rows: 7, ..Answer::default() };
        assert_eq!(head_json(&answer), r#"{"requestId":"r-\"1","returnCode":"0","returnMessage":"","totalRows":7}"#);
    }
}
