//! Answer parsing: the body NCP sent, XML or JSON, becomes one [`Answer`], or the [`Error`] it describes.
//!
//! Pure: no JS. One pass, linear in the body's size whatever its shape, and no tree: a driver per format (`xml.rs`
//! on quick-xml's streaming reader, `json.rs` hand-written) walks the body and tells one `Builder` what it meets;
//! the builder maps what the action's resource defines ([`crate::resource`]: its list, its item, each field's kind
//! and alias), skips the rest without keeping it, checks each field's type as it arrives, and hands every finished
//! item to its [`Items`] at once. So the memory a parse needs is the answer's own text, not a multiple of its markup
//! (docs/security.md, "Round two — the core").

mod json;
mod xml;

use crate::action::{Action, ActionSpec, Listing};
use crate::error::{echo, Error, ErrorCode};
use crate::model::{Answer, Item, Items, Value};
use crate::resource::{Kind, Resource, MAX_FIELDS};
use std::borrow::Cow;

/// Deeper nesting is refused, in either format: NCP's answers are five levels deep, and a bound keeps hostile input
/// cheap.
const MAX_DEPTH: usize = 32;

/// Parses the answer to `action` given its HTTP `status` and body text; its items in a `Vec`.
pub fn parse_answer(action: Action, status: u16, body: &str) -> Result<Answer, Error> {
    parse_answer_into(action, status, body.as_bytes())
}

/// Parses the answer to `action` given its HTTP `status` and body bytes (UTF-8), handing its items to `L`.
pub fn parse_answer_into<L: Items>(action: Action, status: u16, body: &[u8]) -> Result<Answer<L>, Error> {
    parse_spec_into(action.spec(), status, body, false)
}

/// [`parse_answer_into`], keeping every item as a value when `keep_all` (for a plan that reads them).
pub fn parse_answer_keeping<L: Items>(action: Action, status: u16, body: &[u8], keep_all: bool) -> Result<Answer<L>, Error> {
    parse_spec_into(action.spec(), status, body, keep_all)
}

/// [`parse_answer_into`] for an action's row, which need not be in the table (tests read rows of their own).
pub(crate) fn parse_spec_into<L: Items>(spec: &'static ActionSpec, status: u16, body: &[u8], keep_all: bool) -> Result<Answer<L>, Error> {
    let Ok(text) = core::str::from_utf8(body) else {
        return Err(unexpected(spec, status, Problem::plain("a body that is not UTF-8 text"), body));
    };
    let mut builder = Builder::<L>::new(spec, keep_all);
    match read_document(text, &mut builder) {
        Ok(()) => builder.finish(status, body),
        Err(problem) => Err(unexpected(spec, status, problem, body)),
    }
}

fn read_document<L: Items>(body: &str, builder: &mut Builder<L>) -> Result<(), Problem> {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body).trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    match body.as_bytes().first() {
        None => Err(Problem::plain("an empty body")),
        Some(b'{') => json::read(body, builder),
        Some(b'<') => xml::read(body, builder),
        Some(_) => Err(Problem::plain("neither XML nor JSON")),
    }
}

/// Why a body is not the expected answer: a description, and the answer's field at fault when there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    what: What,
    field: Option<Name>,
    /// A syntax error, met while reading `field` ("malformed … (at totalRows)"); else the field's value is wrong
    /// ("an answer whose totalRows is not …").
    syntax: bool,
}

/// What is wrong, after the field's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Is(&'static str),
    /// The list holds something other than its items: "is not a list of vpcPeeringInstance".
    NotListOf(&'static str),
}

/// A field's name, as the answer spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Name {
    Field(&'static str),
    /// The root of an action's answer, `<action>Response`.
    Response(&'static str),
}

impl Name {
    fn text(self) -> Cow<'static, str> {
        match self {
            Name::Field(name) => Cow::Borrowed(name),
            Name::Response(action) => Cow::Owned(format!("{action}Response")),
        }
    }
}

impl Problem {
    /// A problem of the body as a whole.
    pub(crate) const fn plain(what: &'static str) -> Problem {
        Problem { what: What::Is(what), field: None, syntax: false }
    }

    /// A problem of one field's value.
    const fn of(field: Name, what: &'static str) -> Problem {
        Problem { what: What::Is(what), field: Some(field), syntax: false }
    }

    /// A syntax error, met while reading `field` if any.
    pub(crate) const fn syntax(what: &'static str, field: Option<&'static str>) -> Problem {
        let field = match field {
            Some(name) => Some(Name::Field(name)),
            None => None,
        };
        Problem { what: What::Is(what), field, syntax: true }
    }

    fn describe(self) -> Cow<'static, str> {
        let what = match self.what {
            What::Is(what) => Cow::Borrowed(what),
            What::NotListOf(item) => Cow::Owned(format!("is not a list of {item}")),
        };
        match (self.field, self.syntax) {
            (Some(field), true) => Cow::Owned(format!("{what} (at {})", field.text())),
            (Some(field), false) => Cow::Owned(format!("an answer whose {} {what}", field.text())),
            (None, _) => what,
        }
    }
}

const NOT_TEXT: &str = "is not text";
const NOT_COUNT: &str = "is not a whole number from 0 to 4294967295";
const NOT_FLAG: &str = "is not true or false";
const NOT_GROUP: &str = "is not a group of fields";
const TWICE: &str = "appears twice";
const MISSING: &str = "is missing";
/// `MALFORMED_XML` and `MALFORMED_JSON` carry the field being read when the syntax broke, if any.
pub(crate) const MALFORMED_XML: &str = "malformed or truncated XML";
pub(crate) const MALFORMED_JSON: &str = "malformed or truncated JSON";
pub(crate) const TOO_DEEP: &str = "nested too deeply";

fn unexpected(spec: &ActionSpec, status: u16, problem: Problem, body: &[u8]) -> Error {
    let field = problem.field.map(|field| field.text().into_owned());
    Error { field, ..not_the_answer(spec, status, &problem.describe(), body) }
}

/// The error of a body that is not the answer expected, for `reason`: a 2xx is a bad answer, another status an HTTP
/// error whose body is no NCP error.
fn not_the_answer(spec: &ActionSpec, status: u16, reason: &str, body: &[u8]) -> Error {
    let (code, message) = if (200..300).contains(&status) {
        (ErrorCode::BadResponse, format!("{} answered HTTP {status} with {reason}", spec.name))
    } else {
        (ErrorCode::Http, format!("{} failed with HTTP {status}; the body is {reason}, not an NCP error", spec.name))
    };
    Error::with_body(code, status, message, body)
}

fn gateway_error(status: u16, record: Record) -> Error {
    let [code, message, details] = record.texts.map(Option::unwrap_or_default);
    let hint = match (status, code.trim()) {
        (401, "200") => ": the access key, the secret key or the signature is wrong, or this clock is more than 5 minutes off the gateway's (pass `timestamp` to correct it)",
        (401, "210") => ": the key has no permission for this action",
        (429, _) => ": too many requests, try again later",
        _ => "",
    };
    let mut text = format!("NCP gateway error {} ({}) with HTTP {status}{hint}", echo(&code), echo(&message));
    if !details.is_empty() {
        text = format!("{text}; details: {}", echo(&details));
    }
    Error {
        status: Some(status),
        return_code: Some(code),
        return_message: Some(message),
        details: Some(details),
        ..Error::new(ErrorCode::NcpApi, text)
    }
}

fn service_error(spec: &ActionSpec, status: u16, record: Record) -> Error {
    let [code, message, request_id] = record.texts;
    let code = code.unwrap_or_default().trim().to_owned();
    let message = message.unwrap_or_default();
    let again = if code == "1000" { " (NCP asks to try again later)" } else { "" };
    let text = format!("{} failed with returnCode {}: {}{again}", spec.name, echo(&code), echo(&message));
    Error {
        status: Some(status),
        return_code: Some(code),
        return_message: Some(message),
        request_id: request_id.filter(|id| !id.is_empty()),
        ..Error::new(ErrorCode::NcpApi, text)
    }
}

/// A node of the answer the mapping knows, as the walk opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    /// The body itself: the top-level object (JSON), or around the root element (XML).
    Document,
    /// XML's `<Message>` around a gateway error.
    Wrapper,
    /// An answer, a gateway `error` or a service `responseError`.
    Record(Rec),
    /// The answer's list (the resource's `list`).
    List,
    /// One item of the list.
    Item,
    /// A `{code, codeName}` pair of the item, by its index in the resource's fields.
    Pair(usize),
    /// A field holding one value.
    Leaf(Leaf),
}

/// The three records a body can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rec {
    Answer,
    Gateway,
    Service,
}

/// Each record's text fields: its code, its message, and a third (the request ID, or the gateway's details).
const RECORD_FIELDS: [[&str; 3]; 3] = [
    ["returnCode", "returnMessage", "requestId"],
    ["errorCode", "message", "details"],
    ["returnCode", "returnMessage", "requestId"],
];

/// A field holding one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leaf {
    /// A record's text field, by its index in [`RECORD_FIELDS`].
    Record(Rec, usize),
    /// The answer's `totalRows`.
    TotalRows,
    /// An item's text, flag or number, by its index in the resource's fields; `true` when met under its alias (such
    /// as `lastModifiyDate`), which counts only if the field itself is absent.
    Field(usize, bool),
    /// A pair's `code` (0) or `codeName` (1), by the pair's index in the resource's fields.
    PairText(usize, usize),
}

/// The answer's bits in [`Record::seen`] besides its three texts.
const TOTAL_ROWS_BIT: u8 = 1 << 3;
const LIST_BIT: u8 = 1 << 4;
/// Where an alias's bit is in [`Builder::item_seen`]: after the fields' (at most [`MAX_FIELDS`]).
const ALIAS_BITS: usize = MAX_FIELDS;

/// One record's text fields and which fields it has met.
#[derive(Debug, Default)]
struct Record {
    texts: [Option<String>; 3],
    seen: u8,
}

/// A scalar value: JSON's four kinds; XML's text is always `Text`.
#[derive(Debug)]
pub(crate) enum Scalar<'a> {
    Text(Cow<'a, str>),
    /// A JSON number as written (already checked against JSON's grammar).
    Number(&'a str),
    Bool(bool),
    Null,
}

/// What the drivers tell as they walk the body; see the module's doc.
#[derive(Debug)]
pub(crate) struct Builder<L> {
    /// The action asked.
    spec: &'static ActionSpec,
    /// The open nodes below the document.
    stack: Vec<Node>,
    answer: Option<Record>,
    /// The action whose `<name>Response` the answer record came in (another's is read, then refused).
    answer_spec: Option<&'static ActionSpec>,
    gateway: Option<Record>,
    service: Option<Record>,
    total_rows: Option<u32>,
    /// Whether the answer holds a list (an empty one included; not JSON's `null`).
    has_list: bool,
    /// The first item found incomplete, reported only if the answer is a success (its returnCode may come last).
    incomplete: Option<Problem>,
    item: Item,
    /// The item's fields met so far: bit `i` for field `i`, bit `ALIAS_BITS + i` for its alias.
    item_seen: u64,
    pair_seen: u8,
    list: L,
    /// XML: the text of the leaf being read, gathered across text, CDATA and comments.
    pub(crate) text: String,
}

impl<L: Items> Builder<L> {
    fn new(spec: &'static ActionSpec, keep_all: bool) -> Builder<L> {
        Builder {
            spec,
            stack: Vec::new(),
            answer: None,
            answer_spec: None,
            gateway: None,
            service: None,
            total_rows: None,
            has_list: false,
            incomplete: None,
            item: Item::new(spec.resource),
            item_seen: 0,
            pair_seen: 0,
            list: L::for_action(spec, keep_all),
            text: String::new(),
        }
    }

    fn current(&self) -> Node {
        self.stack.last().copied().unwrap_or(Node::Document)
    }

    /// The resource of the answer being read.
    fn resource(&self) -> &'static Resource {
        self.answer_spec.unwrap_or(self.spec).resource
    }

    /// Whether the current node is a leaf (whose text XML gathers).
    pub(crate) fn in_leaf(&self) -> bool {
        matches!(self.current(), Node::Leaf(_))
    }

    /// Whether nothing is open: the walk is at the document's top level.
    pub(crate) fn at_top(&self) -> bool {
        self.stack.is_empty()
    }

    /// The field a syntax error broke off, if a leaf was being read.
    pub(crate) fn reading(&self) -> Option<&'static str> {
        match self.current() {
            Node::Leaf(leaf) => Some(self.leaf_name(leaf)),
            _ => None,
        }
    }

    /// The action whose answer `name` (an element or key at the top) is, if any: the one asked, or another.
    fn answer_named(&self, name: &str) -> Option<&'static ActionSpec> {
        let action = name.strip_suffix("Response")?;
        if action == self.spec.name {
            Some(self.spec)
        } else {
            Action::from_name(action).map(Action::spec)
        }
    }

    /// Opens the child `name` (an XML element, a JSON key) of the current node. `false`: the mapping does not know
    /// it, and the driver skips its content without telling.
    pub(crate) fn open(&mut self, name: &str) -> Result<bool, Problem> {
        let node = match self.current() {
            Node::Document | Node::Wrapper => {
                let top = self.at_top();
                let (rec, slot) = if name == "error" {
                    (Rec::Gateway, &mut self.gateway)
                } else if name == "responseError" {
                    (Rec::Service, &mut self.service)
                } else if top && name == "Message" {
                    self.stack.push(Node::Wrapper);
                    return Ok(true);
                } else if let Some(spec) = top.then(|| self.answer_named(name)).flatten() {
                    if self.answer.is_some() {
                        return Err(Problem::of(Name::Response(spec.name), TWICE));
                    }
                    if self.resource().list != spec.resource.list {
                        self.item = Item::new(spec.resource);
                    }
                    self.answer_spec = Some(spec);
                    (Rec::Answer, &mut self.answer)
                } else {
                    return Ok(false);
                };
                if slot.is_some() {
                    return Err(Problem::of(Name::Field(if rec == Rec::Gateway { "error" } else { "responseError" }), TWICE));
                }
                *slot = Some(Record::default());
                Node::Record(rec)
            }
            Node::Record(rec) => {
                let (node, bit) = match RECORD_FIELDS[rec as usize].iter().position(|known| *known == name) {
                    Some(i) => (Node::Leaf(Leaf::Record(rec, i)), 1 << i),
                    None if rec == Rec::Answer && name == "totalRows" => (Node::Leaf(Leaf::TotalRows), TOTAL_ROWS_BIT),
                    None if rec == Rec::Answer && name == self.resource().list => {
                        self.has_list = true;
                        (Node::List, LIST_BIT)
                    }
                    None => return Ok(false),
                };
                if self.record(rec).seen & bit != 0 {
                    return Err(Problem::of(self.name_of(node), TWICE));
                }
                self.record(rec).seen |= bit;
                node
            }
            Node::List if name == self.resource().item => Node::Item,
            Node::List => {
                let resource = self.resource();
                return Err(Problem { what: What::NotListOf(resource.item), ..Problem::of(Name::Field(resource.list), "") });
            }
            Node::Item => {
                let fields = self.resource().fields;
                let (node, bit) = if let Some(i) = fields.iter().position(|field| field.name == name) {
                    let node = if fields[i].kind == Kind::CodeName {
                        self.pair_seen = 0;
                        Node::Pair(i)
                    } else {
                        Node::Leaf(Leaf::Field(i, false))
                    };
                    (node, 1 << i)
                } else if let Some(i) = fields.iter().position(|field| field.alias == Some(name)) {
                    (Node::Leaf(Leaf::Field(i, true)), 1 << (ALIAS_BITS + i))
                } else {
                    return Ok(false);
                };
                if self.item_seen & bit != 0 {
                    return Err(Problem::of(self.name_of(node), TWICE));
                }
                self.item_seen |= bit;
                node
            }
            Node::Pair(pair) => {
                let Some(which) = ["code", "codeName"].iter().position(|known| *known == name) else { return Ok(false) };
                if self.pair_seen & (1 << which) != 0 {
                    return Err(Problem::of(self.name_of(Node::Leaf(Leaf::PairText(pair, which))), TWICE));
                }
                self.pair_seen |= 1 << which;
                Node::Leaf(Leaf::PairText(pair, which))
            }
            leaf @ Node::Leaf(_) => return Err(self.shape_problem(leaf)),
        };
        self.stack.push(node);
        Ok(true)
    }

    /// JSON: opens the next item of the current list.
    pub(crate) fn open_item(&mut self) {
        self.stack.push(Node::Item);
    }

    /// JSON: an object (`array` false) or an array begins as the current node's value.
    pub(crate) fn begin(&mut self, array: bool) -> Result<(), Problem> {
        let node = self.current();
        let fits = match node {
            Node::List => array,
            Node::Leaf(_) => false,
            _ => !array,
        };
        if fits {
            Ok(())
        } else {
            Err(self.shape_problem(node))
        }
    }

    /// A scalar as the current node's value: a JSON scalar, or a leaf's gathered XML text.
    pub(crate) fn value(&mut self, value: Scalar<'_>) -> Result<(), Problem> {
        match (self.current(), value) {
            (Node::Leaf(leaf), value) => self.commit(leaf, value),
            (Node::List, Scalar::Null) => {
                self.has_list = false;
                Ok(())
            }
            (Node::Pair(_), Scalar::Null) => Ok(()),
            (node, _) => Err(self.shape_problem(node)),
        }
    }

    /// XML: text inside a node the mapping does not read as text must be blank (indentation).
    pub(crate) fn blank_text(&self, text: &[u8]) -> Result<(), Problem> {
        if text.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            Ok(())
        } else if self.at_top() {
            Err(Problem::plain("XML with text outside the root element"))
        } else {
            Err(self.shape_problem(self.current()))
        }
    }

    /// Closes the current node; a finished item goes to the list if it is complete.
    pub(crate) fn close(&mut self) {
        if self.stack.pop() == Some(Node::Item) {
            let fresh = Item::new(self.resource());
            let item = core::mem::replace(&mut self.item, fresh);
            let seen = core::mem::take(&mut self.item_seen);
            match missing_field(&item, seen) {
                Some(field) => {
                    self.incomplete.get_or_insert(Problem::of(Name::Field(field), MISSING));
                }
                None => self.list.push(item),
            }
        }
    }

    fn record(&mut self, rec: Rec) -> &mut Record {
        match rec {
            Rec::Answer => self.answer.get_or_insert_with(Record::default),
            Rec::Gateway => self.gateway.get_or_insert_with(Record::default),
            Rec::Service => self.service.get_or_insert_with(Record::default),
        }
    }

    fn commit(&mut self, leaf: Leaf, value: Scalar<'_>) -> Result<(), Problem> {
        let kind = match leaf {
            Leaf::Field(i, _) => self.resource().fields.get(i).map(|field| field.kind),
            _ => None,
        };
        let text = match (leaf, kind, value) {
            (_, _, Scalar::Null) => return Ok(()),
            (Leaf::TotalRows, _, value) => {
                if let Some(count) = read_count(value).map_err(|()| Problem::of(Name::Field("totalRows"), NOT_COUNT))? {
                    self.total_rows = Some(count);
                }
                return Ok(());
            }
            (Leaf::Field(i, alias), Some(Kind::Integer), value) => {
                let count = read_count(value).map_err(|()| Problem::of(Name::Field(self.leaf_name(leaf)), NOT_COUNT))?;
                if let Some(count) = count {
                    self.set(i, alias, Value::Integer(count));
                }
                return Ok(());
            }
            (Leaf::Field(i, alias), Some(Kind::Flag), value) => {
                let flag = match value {
                    Scalar::Bool(b) => Some(b),
                    Scalar::Text(t) if t.trim().is_empty() => Some(false),
                    Scalar::Text(t) if t.trim().eq_ignore_ascii_case("true") => Some(true),
                    Scalar::Text(t) if t.trim().eq_ignore_ascii_case("false") => Some(false),
                    _ => None,
                };
                let flag = flag.ok_or(Problem::of(Name::Field(self.leaf_name(leaf)), NOT_FLAG))?;
                self.set(i, alias, Value::Flag(flag));
                return Ok(());
            }
            // A code may come as a JSON integer ("accept a number too", ncp-api.md §4).
            (Leaf::Record(_, 0), _, Scalar::Number(n)) if is_integer(n) => n.to_owned(),
            (_, _, Scalar::Text(t)) => t.into_owned(),
            (leaf, _, _) => return Err(self.shape_problem(Node::Leaf(leaf))),
        };
        match leaf {
            Leaf::Record(rec, i) => self.record(rec).texts[i] = Some(text),
            Leaf::Field(i, alias) => self.set(i, alias, Value::Text(text)),
            Leaf::PairText(pair, which) => {
                if let Some(Value::CodeName(pair)) = self.item.value_mut(pair) {
                    *(if which == 0 { &mut pair.code } else { &mut pair.code_name }) = text;
                }
            }
            Leaf::TotalRows => {}
        }
        Ok(())
    }

    /// Sets the item's field `index`, unless this is its alias and the field itself was met.
    fn set(&mut self, index: usize, alias: bool, value: Value) {
        if alias && self.item_seen & (1 << index) != 0 {
            return;
        }
        if let Some(slot) = self.item.value_mut(index) {
            *slot = value;
        }
    }

    /// A leaf's name, as the answer spells it.
    fn leaf_name(&self, leaf: Leaf) -> &'static str {
        match leaf {
            Leaf::Record(rec, i) => RECORD_FIELDS[rec as usize][i],
            Leaf::TotalRows => "totalRows",
            Leaf::Field(i, alias) => match self.resource().fields.get(i) {
                Some(field) if alias => field.alias.unwrap_or(field.name),
                Some(field) => field.name,
                None => "a field",
            },
            Leaf::PairText(_, which) => ["code", "codeName"][which],
        }
    }

    /// The node's name, as the answer spells it.
    fn name_of(&self, node: Node) -> Name {
        let resource = self.resource();
        Name::Field(match node {
            Node::Document => "the body",
            Node::Wrapper => "Message",
            Node::Record(Rec::Answer) => return self.answer_spec.map_or(Name::Field("the answer"), |spec| Name::Response(spec.name)),
            Node::Record(Rec::Gateway) => "error",
            Node::Record(Rec::Service) => "responseError",
            Node::List => resource.list,
            Node::Item => resource.item,
            Node::Pair(i) => resource.fields.get(i).map_or("a field", |field| field.name),
            Node::Leaf(leaf) => self.leaf_name(leaf),
        })
    }

    /// The node holds a value of the wrong kind: text where fields belong, elements or an object where text does.
    fn shape_problem(&self, node: Node) -> Problem {
        let what = match node {
            Node::Leaf(Leaf::TotalRows) => What::Is(NOT_COUNT),
            Node::Leaf(Leaf::Field(i, _)) => What::Is(match self.resource().fields.get(i).map(|field| field.kind) {
                Some(Kind::Integer) => NOT_COUNT,
                Some(Kind::Flag) => NOT_FLAG,
                _ => NOT_TEXT,
            }),
            Node::Leaf(_) => What::Is(NOT_TEXT),
            Node::List => What::NotListOf(self.resource().item),
            _ => What::Is(NOT_GROUP),
        };
        Problem { what, ..Problem::of(self.name_of(node), "") }
    }

    /// The error the body describes, or the answer if it is a complete success.
    fn finish(self, status: u16, body: &[u8]) -> Result<Answer<L>, Error> {
        let spec = self.spec;
        if let Some(gateway) = self.gateway {
            return Err(gateway_error(status, gateway));
        }
        if let Some(service) = self.service {
            return Err(service_error(spec, status, service));
        }
        let Some(record) = self.answer.filter(|_| self.answer_spec.is_some_and(|found| found.name == spec.name)) else {
            let reason = format!("an answer that is not <{}Response>", spec.name);
            return Err(not_the_answer(spec, status, &reason, body));
        };
        let Some(code) = record.texts[0].as_deref().map(str::trim) else {
            return Err(unexpected(spec, status, Problem::plain("an answer without returnCode"), body));
        };
        if code != "0" {
            return Err(service_error(spec, status, record));
        }
        if !(200..300).contains(&status) {
            return Err(unexpected(spec, status, Problem::plain("a success answer"), body));
        }
        let count = self.list.count();
        let total_rows = self.total_rows.unwrap_or(u32::try_from(count).unwrap_or(u32::MAX));
        if let Some(problem) = self.incomplete.or_else(|| incompleteness(spec, self.total_rows, count, self.has_list)) {
            return Err(unexpected(spec, status, problem, body));
        }
        let [return_code, return_message, request_id] = record.texts.map(Option::unwrap_or_default);
        Ok(Answer { request_id, return_code: return_code.trim().to_owned(), return_message, total_rows, items: self.list })
    }
}

/// The first required field `item` lacks (blank, or for a pair a blank code; a flag or number not met), if any.
fn missing_field(item: &Item, seen: u64) -> Option<&'static str> {
    let fields = item.resource().fields.iter().zip(item.values()).enumerate();
    let mut required = fields.filter(|(_, (field, _))| field.required);
    let missing = required.find(|(index, (_, value))| match value {
        Value::Text(text) => text.trim().is_empty(),
        Value::CodeName(pair) => pair.code.trim().is_empty(),
        Value::Flag(_) | Value::Integer(_) => seen & (1 << index | 1 << (ALIAS_BITS + index)) == 0,
    });
    missing.map(|(_, (field, _))| field.name)
}

/// What makes a success answer incomplete for the action `spec` (by what its list holds): fewer items than
/// `totalRows` says, where no paging can explain it; more items than it says; a create without the item it made; a
/// detail answer with several items, or with neither a list nor `totalRows` 0 to say the item is gone.
fn incompleteness(spec: &ActionSpec, total_rows: Option<u32>, count: usize, has_list: bool) -> Option<Problem> {
    let total = total_rows.map_or(count, |rows| usize::try_from(rows).unwrap_or(usize::MAX));
    if total < count || (total > count && spec.listing != Listing::Page) {
        return Some(Problem::of(Name::Field("totalRows"), "does not match the list"));
    }
    let list = Name::Field(spec.resource.list);
    match spec.listing {
        Listing::Created if count == 0 => Some(Problem::of(list, "holds no instance")),
        Listing::Detail if count > 1 => Some(Problem::of(list, "holds more than one instance")),
        Listing::Detail if !has_list && total_rows != Some(0) => Some(Problem::of(list, MISSING)),
        _ => None,
    }
}

/// A count (`totalRows`, a [`Kind::Integer`] field): `Ok(None)` for XML's empty element, which says nothing.
fn read_count(value: Scalar<'_>) -> Result<Option<u32>, ()> {
    match value {
        Scalar::Number(n) => parse_count(n).map(Some).ok_or(()),
        Scalar::Text(t) if t.trim().is_empty() => Ok(None),
        Scalar::Text(t) => parse_count(t.trim()).map(Some).ok_or(()),
        _ => Err(()),
    }
}

/// `0` to `4294967295`, decimal digits only (no sign, fraction or exponent).
fn parse_count(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A JSON number that is an integer: digits, with an optional minus.
fn is_integer(number: &str) -> bool {
    let digits = number.strip_prefix('-').unwrap_or(number);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests;
