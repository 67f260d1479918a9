//! The result model: an answer's own fields and its list of [`Item`]s, each a value per field of its resource's
//! schema ([`crate::resource`]), shaped like NCP's JSON answer without its outer `<action>Response` key. An absent
//! text reads as `""`, an absent flag as `false`, an absent number as 0.
//!
//! Results cross to JS as JSON text that the engine parses natively (one boundary crossing per result), written
//! here by hand: ASCII only, and an item's empty fields left out, which the JS side fills back from the resource's
//! empty item ([`empty_item_json`], `src/js/objects.js`). Leaving them out keeps the text no longer than the answer
//! it came from, however small its items: the wasm's memory stays a small multiple of the answer's size
//! (docs/security.md).
//!
//! Rust reads a field only where it branches on it, through a typed view ([`PeeringView`]) whose names a test checks
//! against the schema.

use crate::action::{ActionSpec, Listing};
use crate::resource::{Kind, Resource, PEERING, ROUTE, ROUTE_TABLE, VPC};

/// A `{code, codeName}` pair (`vpcPeeringInstanceStatus`, `vpcPeeringInstanceOperation`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeName {
    /// The stable code, such as `INIT`, `RUN`, `TERMTING`; branch on this.
    pub code: String,
    /// A short name for the code.
    pub code_name: String,
}

/// The value of one field, of its field's [`Kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A [`Kind::Text`] field.
    Text(String),
    /// A [`Kind::Flag`].
    Flag(bool),
    /// A [`Kind::Integer`].
    Integer(u32),
    /// A [`Kind::CodeName`] pair.
    CodeName(CodeName),
}

impl Value {
    /// The empty value of a field of `kind`.
    pub fn empty(kind: Kind) -> Value {
        match kind {
            Kind::Text => Value::Text(String::new()),
            Kind::Flag => Value::Flag(false),
            Kind::Integer => Value::Integer(0),
            Kind::CodeName => Value::CodeName(CodeName::default()),
        }
    }

    /// Whether the value is its kind's empty one, which the JSON for JS leaves out.
    fn is_empty(&self) -> bool {
        match self {
            Value::Text(text) => text.is_empty(),
            Value::Flag(flag) => !flag,
            Value::Integer(n) => *n == 0,
            Value::CodeName(pair) => pair.code.is_empty() && pair.code_name.is_empty(),
        }
    }
}

/// One item of an answer's list: a value for each field of its resource, in the schema's order.
#[derive(Clone, Debug)]
pub struct Item {
    resource: &'static Resource,
    values: Vec<Value>,
}

impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        // A resource is known by its list's name (each is another's: resource.rs tests it).
        self.resource.list == other.resource.list && self.values == other.values
    }
}

impl Eq for Item {}

impl Item {
    /// An item of `resource` with every field empty.
    pub fn new(resource: &'static Resource) -> Item {
        Item { resource, values: resource.fields.iter().map(|field| Value::empty(field.kind)).collect() }
    }

    /// The item's resource.
    pub fn resource(&self) -> &'static Resource {
        self.resource
    }

    /// The values, in the order of the resource's fields.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The value of the field at `index` in the resource's fields.
    pub fn value_mut(&mut self, index: usize) -> Option<&mut Value> {
        self.values.get_mut(index)
    }

    /// The value of the field `name`, if the resource has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(self.resource.position(name)?)
    }

    /// The item with the field `name` set to `value` (a field the resource lacks, or of another kind, is ignored).
    pub fn with(mut self, name: &str, value: Value) -> Item {
        let index = self.resource.position(name);
        if let Some(slot) = index.and_then(|index| self.values.get_mut(index)) {
            if core::mem::discriminant(slot) == core::mem::discriminant(&value) {
                *slot = value;
            }
        }
        self
    }

    /// Every text of the item, a pair's code and codeName included, to scrub.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.values.iter_mut().flat_map(|value| {
            let (first, second) = match value {
                Value::Text(text) => (Some(text), None),
                Value::CodeName(pair) => (Some(&mut pair.code), Some(&mut pair.code_name)),
                Value::Flag(_) | Value::Integer(_) => (None, None),
            };
            first.into_iter().chain(second)
        })
    }

    fn text_at(&self, field: FieldRef) -> &str {
        match field.index.and_then(|index| self.values.get(index)) {
            Some(Value::Text(text)) => text,
            Some(Value::CodeName(pair)) => &pair.code,
            _ => "",
        }
    }

    fn flag_at(&self, field: FieldRef) -> bool {
        matches!(field.index.and_then(|index| self.values.get(index)), Some(Value::Flag(true)))
    }
}

/// A successful answer of any action. `L` holds its items: a `Vec` by default, or a [`JsonList`] that writes each
/// one out as it arrives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer<L = Vec<Item>> {
    /// The request's ID, for NCP support.
    pub request_id: String,
    /// `"0"` on success.
    pub return_code: String,
    /// `success` on success.
    pub return_message: String,
    /// How many items matched (before paging); the list's length when the answer omits it.
    pub total_rows: u32,
    /// The items, handed to JS under the resource's list name (`vpcPeeringInstanceList`).
    pub items: L,
}

/// Where a parse puts each item, in order, as soon as it is complete.
pub trait Items {
    /// An empty list for an answer to the action `spec`; `keep_all` when the caller reads every item as a value.
    fn for_action(spec: &ActionSpec, keep_all: bool) -> Self;
    /// Takes the next item.
    fn push(&mut self, item: Item);
    /// How many were pushed.
    fn count(&self) -> usize;
}

impl Items for Vec<Item> {
    fn for_action(_: &ActionSpec, _: bool) -> Self {
        Vec::new()
    }

    fn push(&mut self, item: Item) {
        Vec::push(self, item);
    }

    fn count(&self) -> usize {
        self.len()
    }
}

/// Items written out as JSON (see the module's doc) the moment they arrive, so that a long list never exists twice.
/// A detail answer's item (at most one) is also kept as a value, for a wait to judge; a plan that reads what it
/// asked for (connect, disconnect) has every item kept.
#[derive(Debug)]
pub struct JsonList {
    /// The resource of the items.
    resource: &'static Resource,
    /// `[` and the items so far, comma-separated.
    items: String,
    /// The items kept as values: a detail answer's first, or all of them when asked.
    pub kept: Vec<Item>,
    keep: usize,
    count: usize,
}

impl JsonList {
    /// The resource of the items.
    pub fn resource(&self) -> &'static Resource {
        self.resource
    }

    /// The first item kept (a detail answer's item).
    pub fn first(&self) -> Option<&Item> {
        self.kept.first()
    }

    /// The list as a JSON array.
    pub fn into_json(self) -> String {
        let mut json = self.items;
        json.push(']');
        json
    }
}

impl Items for JsonList {
    fn for_action(spec: &ActionSpec, keep_all: bool) -> Self {
        let keep = if keep_all { usize::MAX } else { usize::from(spec.listing == Listing::Detail) };
        JsonList { resource: spec.resource, items: String::from("["), kept: Vec::new(), keep, count: 0 }
    }

    fn push(&mut self, item: Item) {
        // The room this item needs, its comma and the closing bracket included. An item larger than the list so far
        // (one huge description, say) gets exactly that: doubling would leave up to as much again unused.
        let need = item_json_len(&item) + 2;
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
        write_item(&mut self.items, &item);
        if self.kept.len() < self.keep {
            self.kept.push(item);
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

/// The length of `"code":…,"codeName":…` of a pair, its empty texts left out.
fn pair_json_len(pair: &CodeName) -> usize {
    let code = if pair.code.is_empty() { 0 } else { 8 + json_string_len(&pair.code) };
    let code_name = if pair.code_name.is_empty() { 0 } else { 12 + json_string_len(&pair.code_name) };
    code + code_name
}

/// An upper bound of the length of the item written by [`write_item`].
fn item_json_len(item: &Item) -> usize {
    // Each field costs its name, quotes, colon and comma besides its value; a pair its braces too.
    let fields = item.resource.fields.iter().zip(&item.values).filter(|(_, value)| !value.is_empty());
    let values: usize = fields
        .map(|(field, value)| {
            field.name.len()
                + 4
                + match value {
                    Value::Text(text) => json_string_len(text),
                    Value::Flag(_) => 4,
                    Value::Integer(_) => 10,
                    Value::CodeName(pair) => 2 + pair_json_len(pair),
                }
        })
        .sum();
    values + 2
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

/// Appends the item as a JSON object of its non-empty fields only, in the schema's order (the JS side fills in the
/// rest); a pair holds only its non-empty texts.
pub fn write_item(out: &mut String, item: &Item) {
    out.push('{');
    let mut first = true;
    for (field, value) in item.resource.fields.iter().zip(&item.values) {
        if value.is_empty() {
            continue;
        }
        write_key(out, &mut first, field.name);
        match value {
            Value::Text(text) => write_json_string(out, text),
            Value::Flag(_) => out.push_str("true"),
            Value::Integer(n) => out.push_str(&n.to_string()),
            Value::CodeName(pair) => {
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
        }
    }
    out.push('}');
}

/// The item as JSON (see [`write_item`]).
pub fn item_json(item: &Item) -> String {
    let mut out = String::new();
    write_item(&mut out, item);
    out
}

/// The resource's empty item as JSON, every field in the schema's order with its kind's empty value (`""`,
/// `false`, `0`, `{"code":"","codeName":""}`): what the JS side fills an item's left-out fields from.
pub fn empty_item_json(resource: &Resource) -> String {
    let mut out = String::from("{");
    let mut first = true;
    for field in resource.fields {
        write_key(&mut out, &mut first, field.name);
        out.push_str(match field.kind {
            Kind::Text => "\"\"",
            Kind::Flag => "false",
            Kind::Integer => "0",
            Kind::CodeName => "{\"code\":\"\",\"codeName\":\"\"}",
        });
    }
    out.push('}');
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

/// A field a typed view reads: its name and kind, and its position in the schema, found when the crate compiles
/// (`None` if the schema lacks it, which `every_name_a_view_reads_exists_in_its_schema` refuses).
#[derive(Clone, Copy, Debug)]
pub struct FieldRef {
    /// The field's name.
    pub name: &'static str,
    /// The kind the view reads it as.
    pub kind: Kind,
    index: Option<usize>,
}

impl FieldRef {
    /// The field `name` of `resource`, read as `kind`.
    pub const fn of(resource: &Resource, name: &'static str, kind: Kind) -> FieldRef {
        FieldRef { name, kind, index: resource.position(name) }
    }
}

/// Every typed view, with the resource it reads and the fields it reads there: a test checks each against the schema.
pub const VIEWS: &[(&Resource, &[FieldRef])] = &[
    (&PEERING, PeeringView::READS),
    (&VPC, VpcView::READS),
    (&ROUTE_TABLE, RouteTableView::READS),
    (&ROUTE, RouteView::READS),
];

/// What Rust reads of a peering, the fields a wait branches on. Over any item of [`PEERING`] (every answer of the
/// peering actions); over another resource's item it reads empty values.
#[derive(Clone, Copy, Debug)]
pub struct PeeringView<'a>(&'a Item);

impl<'a> PeeringView<'a> {
    const NUMBER: FieldRef = FieldRef::of(&PEERING, "vpcPeeringInstanceNo", Kind::Text);
    const STATUS: FieldRef = FieldRef::of(&PEERING, "vpcPeeringInstanceStatus", Kind::CodeName);
    const BETWEEN_ACCOUNTS: FieldRef = FieldRef::of(&PEERING, "isBetweenAccounts", Kind::Flag);
    const TARGET_LOGIN_ID: FieldRef = FieldRef::of(&PEERING, "targetVpcLoginId", Kind::Text);
    const NAME: FieldRef = FieldRef::of(&PEERING, "vpcPeeringName", Kind::Text);
    const SOURCE_VPC_NO: FieldRef = FieldRef::of(&PEERING, "sourceVpcNo", Kind::Text);
    const TARGET_VPC_NO: FieldRef = FieldRef::of(&PEERING, "targetVpcNo", Kind::Text);
    const SOURCE_LOGIN_ID: FieldRef = FieldRef::of(&PEERING, "sourceVpcLoginId", Kind::Text);
    const TARGET_CIDR: FieldRef = FieldRef::of(&PEERING, "targetVpcIpv4CidrBlock", Kind::Text);

    /// Every field the view reads.
    pub const READS: &'static [FieldRef] = &[
        Self::NUMBER,
        Self::STATUS,
        Self::BETWEEN_ACCOUNTS,
        Self::TARGET_LOGIN_ID,
        Self::NAME,
        Self::SOURCE_VPC_NO,
        Self::TARGET_VPC_NO,
        Self::SOURCE_LOGIN_ID,
        Self::TARGET_CIDR,
    ];

    /// The view of `item`.
    pub fn of(item: &'a Item) -> PeeringView<'a> {
        PeeringView(item)
    }

    /// `vpcPeeringInstanceNo`.
    pub fn instance_no(self) -> &'a str {
        self.0.text_at(Self::NUMBER)
    }

    /// `vpcPeeringInstanceStatus.code`: `INIT`, `RUN`, `TERMTING`.
    pub fn status_code(self) -> &'a str {
        self.0.text_at(Self::STATUS)
    }

    /// `isBetweenAccounts`: whether the two VPCs belong to different accounts.
    pub fn is_between_accounts(self) -> bool {
        self.0.flag_at(Self::BETWEEN_ACCOUNTS)
    }

    /// `targetVpcLoginId`: the accepting VPC owner's login ID.
    pub fn target_login_id(self) -> &'a str {
        self.0.text_at(Self::TARGET_LOGIN_ID)
    }

    /// `vpcPeeringName`.
    pub fn name(self) -> &'a str {
        self.0.text_at(Self::NAME)
    }

    /// `sourceVpcNo`: the requesting VPC.
    pub fn source_vpc_no(self) -> &'a str {
        self.0.text_at(Self::SOURCE_VPC_NO)
    }

    /// `targetVpcNo`: the accepting VPC.
    pub fn target_vpc_no(self) -> &'a str {
        self.0.text_at(Self::TARGET_VPC_NO)
    }

    /// `sourceVpcLoginId`: the requesting VPC owner's login ID.
    pub fn source_login_id(self) -> &'a str {
        self.0.text_at(Self::SOURCE_LOGIN_ID)
    }

    /// `targetVpcIpv4CidrBlock`: the accepting VPC's address block.
    pub fn target_cidr(self) -> &'a str {
        self.0.text_at(Self::TARGET_CIDR)
    }
}

/// What Rust reads of a VPC: the fields a connection plan needs.
#[derive(Clone, Copy, Debug)]
pub struct VpcView<'a>(&'a Item);

impl<'a> VpcView<'a> {
    const NAME: FieldRef = FieldRef::of(&VPC, "vpcName", Kind::Text);
    const CIDR: FieldRef = FieldRef::of(&VPC, "ipv4CidrBlock", Kind::Text);

    /// Every field the view reads.
    pub const READS: &'static [FieldRef] = &[Self::NAME, Self::CIDR];

    /// The view of `item`.
    pub fn of(item: &'a Item) -> VpcView<'a> {
        VpcView(item)
    }

    /// `vpcName`.
    pub fn name(self) -> &'a str {
        self.0.text_at(Self::NAME)
    }

    /// `ipv4CidrBlock`.
    pub fn cidr(self) -> &'a str {
        self.0.text_at(Self::CIDR)
    }
}

/// What Rust reads of a route table: its number and its VPC.
#[derive(Clone, Copy, Debug)]
pub struct RouteTableView<'a>(&'a Item);

impl<'a> RouteTableView<'a> {
    const NUMBER: FieldRef = FieldRef::of(&ROUTE_TABLE, "routeTableNo", Kind::Text);
    const VPC_NO: FieldRef = FieldRef::of(&ROUTE_TABLE, "vpcNo", Kind::Text);

    /// Every field the view reads.
    pub const READS: &'static [FieldRef] = &[Self::NUMBER, Self::VPC_NO];

    /// The view of `item`.
    pub fn of(item: &'a Item) -> RouteTableView<'a> {
        RouteTableView(item)
    }

    /// `routeTableNo`.
    pub fn number(self) -> &'a str {
        self.0.text_at(Self::NUMBER)
    }

    /// `vpcNo`.
    pub fn vpc_no(self) -> &'a str {
        self.0.text_at(Self::VPC_NO)
    }
}

/// What Rust reads of a route: where it goes and through what.
#[derive(Clone, Copy, Debug)]
pub struct RouteView<'a>(&'a Item);

impl<'a> RouteView<'a> {
    const DESTINATION: FieldRef = FieldRef::of(&ROUTE, "destinationCidrBlock", Kind::Text);
    const TARGET_TYPE: FieldRef = FieldRef::of(&ROUTE, "targetType", Kind::CodeName);
    const TARGET_NO: FieldRef = FieldRef::of(&ROUTE, "targetNo", Kind::Text);
    const TARGET_NAME: FieldRef = FieldRef::of(&ROUTE, "targetName", Kind::Text);

    /// Every field the view reads.
    pub const READS: &'static [FieldRef] = &[Self::DESTINATION, Self::TARGET_TYPE, Self::TARGET_NO, Self::TARGET_NAME];

    /// The view of `item`.
    pub fn of(item: &'a Item) -> RouteView<'a> {
        RouteView(item)
    }

    /// `destinationCidrBlock`.
    pub fn destination(self) -> &'a str {
        self.0.text_at(Self::DESTINATION)
    }

    /// `targetType.code`: `VPCPEERING`, `NATGW`, `VGW`, or the local route's.
    pub fn target_type(self) -> &'a str {
        self.0.text_at(Self::TARGET_TYPE)
    }

    /// `targetNo`: a peering's number for a `VPCPEERING` route.
    pub fn target_no(self) -> &'a str {
        self.0.text_at(Self::TARGET_NO)
    }

    /// `targetName`.
    pub fn target_name(self) -> &'a str {
        self.0.text_at(Self::TARGET_NAME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::resource::RESOURCES;

    fn text(value: &str) -> Value {
        Value::Text(value.to_owned())
    }

    fn pair(code: &str, code_name: &str) -> Value {
        Value::CodeName(CodeName { code: code.to_owned(), code_name: code_name.to_owned() })
    }

    fn sample() -> Item {
        Item::new(&PEERING)
            .with("vpcPeeringInstanceNo", text("16212"))
            .with("vpcPeeringName", text("웹-app \"x\"\n\\"))
            .with("vpcPeeringInstanceStatus", pair("RUN", ""))
            .with("vpcPeeringDescription", text("emoji 🙂 and é\u{1}"))
            .with("isBetweenAccounts", Value::Flag(true))
    }

    #[test]
    fn item_json_is_ascii_and_holds_only_the_non_empty_fields() {
        let json = item_json(&sample());
        assert!(json.is_ascii(), "{json}");
        assert_eq!(
            json,
            r#"{"vpcPeeringInstanceNo":"16212","vpcPeeringName":"\uc6f9-app \"x\"\n\\","vpcPeeringInstanceStatus":{"code":"RUN"},"vpcPeeringDescription":"emoji \ud83d\ude42 and \u00e9\u0001","isBetweenAccounts":true}"#
        );
        // An independent parser reads back the very same text.
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["vpcPeeringName"], "웹-app \"x\"\n\\");
        assert_eq!(parsed["vpcPeeringDescription"], "emoji 🙂 and é\u{1}");
        assert_eq!(item_json(&Item::new(&PEERING)), "{}");
    }

    #[test]
    fn every_field_is_written_under_its_name() {
        for resource in RESOURCES {
            let mut item = Item::new(resource);
            for (index, field) in resource.fields.iter().enumerate() {
                let value = match field.kind {
                    Kind::Text => text(&format!("t{index}")),
                    Kind::Flag => Value::Flag(true),
                    Kind::Integer => Value::Integer(index as u32 + 1),
                    Kind::CodeName => pair(&format!("c{index}"), &format!("n{index}")),
                };
                item = item.with(field.name, value);
            }
            let json = item_json(&item);
            let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
            let empty = empty_item_json(resource);
            for text in [&json, &empty] {
                // Every field once, in the schema's order.
                let at: Vec<usize> = resource.fields.iter().map(|f| text.find(&format!("\"{}\":", f.name)).unwrap()).collect();
                assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
            }
            assert_eq!(parsed.as_object().unwrap().len(), resource.fields.len());
            let empty: serde_json::Value = serde_json::from_str(&empty).unwrap();
            assert_eq!(empty.as_object().unwrap().len(), resource.fields.len());
            for (index, field) in resource.fields.iter().enumerate() {
                let expected = match field.kind {
                    Kind::Text => serde_json::json!(format!("t{index}")),
                    Kind::Flag => serde_json::json!(true),
                    Kind::Integer => serde_json::json!(index + 1),
                    Kind::CodeName => serde_json::json!({ "code": format!("c{index}"), "codeName": format!("n{index}") }),
                };
                assert_eq!(parsed[field.name], expected, "{}", field.name);
            }
        }
    }

    #[test]
    fn the_empty_item_holds_each_kinds_empty_value() {
        let empty: serde_json::Value = serde_json::from_str(&empty_item_json(&PEERING)).unwrap();
        assert_eq!(empty["vpcPeeringInstanceNo"], "");
        assert_eq!(empty["vpcPeeringInstanceStatus"], serde_json::json!({ "code": "", "codeName": "" }));
        assert_eq!(empty["isBetweenAccounts"], false);
    }

    #[test]
    fn a_json_list_is_an_array_and_keeps_a_detail_answers_item() {
        assert_eq!(JsonList::for_action(Action::List.spec(), false).into_json(), "[]");
        let mut list = JsonList::for_action(Action::List.spec(), false);
        list.push(sample());
        list.push(Item::new(&PEERING).with("vpcPeeringInstanceNo", text("2")));
        assert_eq!(list.count(), 2);
        assert!(list.first().is_none(), "only a detail answer's is kept");
        let parsed: serde_json::Value = serde_json::from_str(&list.into_json()).unwrap();
        assert_eq!(parsed[1], serde_json::json!({ "vpcPeeringInstanceNo": "2" }));
        let mut detail = JsonList::for_action(Action::Detail.spec(), false);
        detail.push(sample());
        assert_eq!(detail.first(), Some(&sample()));
    }

    #[test]
    fn lengths_are_computed_exactly() {
        for text in ["", "a", "\"\\\n\r\t\u{1}\u{1f}", "é한😀", &"x".repeat(1000)] {
            assert_eq!(json_string_len(text), json_string(text).len(), "{text:?}");
        }
        let full = sample()
            .with("vpcPeeringInstanceOperation", pair("", "NULL OP"))
            .with("hasReverseVpcPeering", Value::Flag(true));
        for item in [sample(), full, Item::new(&PEERING)] {
            // An upper bound that never falls short.
            let len = item_json(&item).len();
            let bound = item_json_len(&item);
            assert!(bound >= len && bound <= len + 20, "{len} {bound}");
        }
    }

    #[test]
    fn head_json_holds_the_answer_fields() {
        let answer: Answer = Answer { request_id: "r-\"1".to_owned(), return_code: "0".to_owned(), total_rows: 7, ..Answer::default() };
        assert_eq!(head_json(&answer), r#"{"requestId":"r-\"1","returnCode":"0","returnMessage":"","totalRows":7}"#);
    }

    #[test]
    fn every_name_a_view_reads_exists_in_its_schema() {
        for (resource, reads) in VIEWS {
            for field in *reads {
                let index = field.index.unwrap_or_else(|| panic!("{} is no field of {}", field.name, resource.list));
                assert_eq!(resource.fields[index].name, field.name);
                assert_eq!(resource.fields[index].kind, field.kind, "{}", field.name);
            }
        }
        // And each accessor reads its own field.
        let item = sample().with("targetVpcLoginId", text("bob@example.com"));
        let view = PeeringView::of(&item);
        assert_eq!((view.instance_no(), view.status_code(), view.is_between_accounts(), view.target_login_id()), ("16212", "RUN", true, "bob@example.com"));
        assert_eq!(FieldRef::of(&PEERING, "vpcPeeringInstanceNO", Kind::Text).index, None, "a misspelt name is found missing");
    }

    #[test]
    fn texts_mut_reaches_every_text_and_pair_text() {
        let mut item = sample().with("vpcPeeringInstanceOperation", pair("NULL", "NULL OP"));
        let count = item.texts_mut().count();
        assert_eq!(count, 16 + 4);
        for text in item.texts_mut() {
            text.clear();
        }
        let flags_only = Item::new(&PEERING).with("isBetweenAccounts", Value::Flag(true));
        assert_eq!(item, flags_only);
    }
}
