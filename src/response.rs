//! Answer parsing: the body NCP sent, XML or JSON, becomes one [`Answer`], or the [`Error`] it describes.
//!
//! Pure: no JS. One pass, linear in the body's size whatever its shape, and no tree: a driver per format ([`xml`]
//! on quick-xml's streaming reader, [`json`] hand-written) walks the body and tells one [`Builder`] what it meets;
//! the builder maps only what the API defines, skips the rest without keeping it, checks each field's type as it
//! arrives, and hands every finished instance to its [`Instances`] at once. So the memory a parse needs is the
//! answer's own text, not a multiple of its markup (docs/security.md, "Round two — the core").

mod json;
mod xml;

use crate::action::Action;
use crate::error::{echo, Error, ErrorCode};
use crate::model::{Answer, Instances, VpcPeeringInstance, FLAG_FIELDS, PAIR_FIELDS, TEXT_FIELDS};
use std::borrow::Cow;

/// Deeper nesting is refused, in either format: NCP's answers are five levels deep, and a bound keeps hostile input
/// cheap.
const MAX_DEPTH: usize = 32;

/// Parses the answer to `action` given its HTTP `status` and body text; its instances in a `Vec`.
pub fn parse_answer(action: Action, status: u16, body: &str) -> Result<Answer, Error> {
    parse_answer_into(action, status, body.as_bytes())
}

/// Parses the answer to `action` given its HTTP `status` and body bytes (UTF-8), handing its instances to `L`.
pub fn parse_answer_into<L: Instances>(action: Action, status: u16, body: &[u8]) -> Result<Answer<L>, Error> {
    let Ok(text) = core::str::from_utf8(body) else {
        return Err(unexpected(action, status, Problem::plain("a body that is not UTF-8 text"), body));
    };
    let mut builder = Builder::<L>::new(action);
    match read_document(text, &mut builder) {
        Ok(()) => builder.finish(action, status, body),
        Err(problem) => Err(unexpected(action, status, problem, body)),
    }
}

fn read_document<L: Instances>(body: &str, builder: &mut Builder<L>) -> Result<(), Problem> {
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
    what: &'static str,
    field: Option<&'static str>,
    /// A syntax error, met while reading `field` ("malformed … (at totalRows)"); else the field's value is wrong
    /// ("an answer whose totalRows is not …").
    syntax: bool,
}

impl Problem {
    /// A problem of the body as a whole.
    pub(crate) const fn plain(what: &'static str) -> Problem {
        Problem { what, field: None, syntax: false }
    }

    /// A problem of one field's value.
    const fn of(field: &'static str, what: &'static str) -> Problem {
        Problem { what, field: Some(field), syntax: false }
    }

    /// A syntax error, met while reading `field` if any.
    pub(crate) const fn syntax(what: &'static str, field: Option<&'static str>) -> Problem {
        Problem { what, field, syntax: true }
    }

    fn describe(self) -> Cow<'static, str> {
        match (self.field, self.syntax) {
            (Some(field), true) => Cow::Owned(format!("{} (at {field})", self.what)),
            (Some(field), false) => Cow::Owned(format!("an answer whose {field} {}", self.what)),
            (None, _) => Cow::Borrowed(self.what),
        }
    }
}

const NOT_TEXT: &str = "is not text";
const NOT_COUNT: &str = "is not a whole number from 0 to 4294967295";
const NOT_FLAG: &str = "is not true or false";
const NOT_GROUP: &str = "is not a group of fields";
const NOT_LIST: &str = "is not a list of vpcPeeringInstance";
const TWICE: &str = "appears twice";
const MISSING: &str = "is missing";
/// `MALFORMED_XML` and `MALFORMED_JSON` carry the field being read when the syntax broke, if any.
pub(crate) const MALFORMED_XML: &str = "malformed or truncated XML";
pub(crate) const MALFORMED_JSON: &str = "malformed or truncated JSON";
pub(crate) const TOO_DEEP: &str = "nested too deeply";

fn unexpected(action: Action, status: u16, problem: Problem, body: &[u8]) -> Error {
    let reason = problem.describe();
    let (code, message) = if (200..300).contains(&status) {
        (ErrorCode::BadResponse, format!("{} answered HTTP {status} with {reason}", action.name()))
    } else {
        (ErrorCode::Http, format!("{} failed with HTTP {status}; the body is {reason}, not an NCP error", action.name()))
    };
    Error { field: problem.field.map(str::to_owned), ..Error::with_body(code, status, message, body) }
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

fn service_error(action: Action, status: u16, record: Record) -> Error {
    let [code, message, request_id] = record.texts;
    let code = code.unwrap_or_default().trim().to_owned();
    let message = message.unwrap_or_default();
    let again = if code == "1000" { " (NCP asks to try again later)" } else { "" };
    let text = format!("{} failed with returnCode {}: {}{again}", action.name(), echo(&code), echo(&message));
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
    /// `vpcPeeringInstanceList`.
    List,
    /// One `vpcPeeringInstance` of the list.
    Instance,
    /// A `{code, codeName}` pair of the instance, by its index in [`PAIR_FIELDS`].
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
    /// An instance's text field, by its index in [`TEXT_FIELDS`].
    Text(usize),
    /// `lastModifiyDate`, the SDKs' spelling: used when `lastModifyDate` is absent.
    LegacyDate,
    /// An instance's flag, by its index in [`FLAG_FIELDS`].
    Flag(usize),
    /// A pair's `code` (0) or `codeName` (1).
    PairText(usize, usize),
}

/// The answer's bits in [`Record::seen`] besides its three texts.
const TOTAL_ROWS_BIT: u8 = 1 << 3;
const LIST_BIT: u8 = 1 << 4;
/// The instance's bits in [`Builder::instance_seen`]: its texts, then these.
const LEGACY_DATE_BIT: u32 = 1 << 16;
const FLAG_BITS: u32 = 17;
const PAIR_BITS: u32 = 19;
/// `lastModifyDate`'s index in [`TEXT_FIELDS`].
const LAST_MODIFY_DATE: usize = 4;

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
    /// The open nodes below the document.
    stack: Vec<Node>,
    answer: Option<Record>,
    /// The action whose `<name>Response` the answer record came in.
    answer_action: Option<Action>,
    gateway: Option<Record>,
    service: Option<Record>,
    total_rows: Option<u32>,
    /// Whether the answer holds a list (an empty one included; not JSON's `null`).
    has_list: bool,
    /// The first instance found incomplete, reported only if the answer is a success (its returnCode may come last).
    incomplete: Option<Problem>,
    instance: VpcPeeringInstance,
    instance_seen: u32,
    pair_seen: u8,
    list: L,
    /// XML: the text of the leaf being read, gathered across text, CDATA and comments.
    pub(crate) text: String,
}

impl<L: Instances> Builder<L> {
    fn new(action: Action) -> Builder<L> {
        Builder {
            stack: Vec::new(),
            answer: None,
            answer_action: None,
            gateway: None,
            service: None,
            total_rows: None,
            has_list: false,
            incomplete: None,
            instance: VpcPeeringInstance::default(),
            instance_seen: 0,
            pair_seen: 0,
            list: L::for_action(action),
            text: String::new(),
        }
    }

    fn current(&self) -> Node {
        self.stack.last().copied().unwrap_or(Node::Document)
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
            node @ Node::Leaf(_) => Some(self.name_of(node)),
            _ => None,
        }
    }

    /// Opens the child `name` (an XML element, a JSON key) of the current node. `false`: the mapping does not know
    /// it, and the driver skips its content without telling.
    pub(crate) fn open(&mut self, name: &str) -> Result<bool, Problem> {
        let position = |names: &[&str]| names.iter().position(|known| *known == name);
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
                } else if let Some(action) = top.then(|| name.strip_suffix("Response").and_then(Action::from_name)).flatten() {
                    if self.answer.is_some() {
                        return Err(Problem::of(action.response_name(), TWICE));
                    }
                    self.answer_action = Some(action);
                    (Rec::Answer, &mut self.answer)
                } else {
                    return Ok(false);
                };
                if slot.is_some() {
                    return Err(Problem::of(if rec == Rec::Gateway { "error" } else { "responseError" }, TWICE));
                }
                *slot = Some(Record::default());
                Node::Record(rec)
            }
            Node::Record(rec) => {
                let (node, bit) = match position(&RECORD_FIELDS[rec as usize]) {
                    Some(i) => (Node::Leaf(Leaf::Record(rec, i)), 1 << i),
                    None if rec == Rec::Answer && name == "totalRows" => (Node::Leaf(Leaf::TotalRows), TOTAL_ROWS_BIT),
                    None if rec == Rec::Answer && name == "vpcPeeringInstanceList" => {
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
            Node::List if name == "vpcPeeringInstance" => Node::Instance,
            Node::List => return Err(Problem::of("vpcPeeringInstanceList", NOT_LIST)),
            Node::Instance => {
                let (node, bit) = if let Some(i) = position(&TEXT_FIELDS) {
                    (Node::Leaf(Leaf::Text(i)), 1 << i)
                } else if name == "lastModifiyDate" {
                    (Node::Leaf(Leaf::LegacyDate), LEGACY_DATE_BIT)
                } else if let Some(i) = position(&FLAG_FIELDS) {
                    (Node::Leaf(Leaf::Flag(i)), 1 << (FLAG_BITS + i as u32))
                } else if let Some(i) = position(&PAIR_FIELDS) {
                    self.pair_seen = 0;
                    (Node::Pair(i), 1 << (PAIR_BITS + i as u32))
                } else {
                    return Ok(false);
                };
                if self.instance_seen & bit != 0 {
                    return Err(Problem::of(self.name_of(node), TWICE));
                }
                self.instance_seen |= bit;
                node
            }
            Node::Pair(pair) => {
                let Some(which) = position(&["code", "codeName"]) else { return Ok(false) };
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
        self.stack.push(Node::Instance);
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

    /// Closes the current node; a finished instance goes to the list if it is complete.
    pub(crate) fn close(&mut self) {
        if self.stack.pop() == Some(Node::Instance) {
            let instance = core::mem::take(&mut self.instance);
            self.instance_seen = 0;
            // Without these an instance names nothing and says nothing: a wait could not judge it.
            let missing = if instance.vpc_peering_instance_no.trim().is_empty() {
                Some("vpcPeeringInstanceNo")
            } else if instance.vpc_peering_instance_status.code.trim().is_empty() {
                Some("vpcPeeringInstanceStatus")
            } else {
                None
            };
            match missing {
                Some(field) => {
                    self.incomplete.get_or_insert(Problem::of(field, MISSING));
                }
                None => self.list.push(instance),
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
        let text = match (leaf, value) {
            (_, Scalar::Null) => return Ok(()),
            (Leaf::TotalRows, value) => {
                let count = match value {
                    Scalar::Number(n) => parse_count(n),
                    // An empty XML element says nothing.
                    Scalar::Text(t) if t.trim().is_empty() => return Ok(()),
                    Scalar::Text(t) => parse_count(t.trim()),
                    _ => None,
                };
                self.total_rows = Some(count.ok_or(Problem::of("totalRows", NOT_COUNT))?);
                return Ok(());
            }
            (Leaf::Flag(i), value) => {
                let flag = match value {
                    Scalar::Bool(b) => Some(b),
                    Scalar::Text(t) if t.trim().is_empty() => Some(false),
                    Scalar::Text(t) if t.trim().eq_ignore_ascii_case("true") => Some(true),
                    Scalar::Text(t) if t.trim().eq_ignore_ascii_case("false") => Some(false),
                    _ => None,
                };
                *self.instance.flags_mut()[i] = flag.ok_or(Problem::of(FLAG_FIELDS[i], NOT_FLAG))?;
                return Ok(());
            }
            // A code may come as a JSON integer ("accept a number too", ncp-api.md §4).
            (Leaf::Record(_, 0), Scalar::Number(n)) if is_integer(n) => n.to_owned(),
            (_, Scalar::Text(t)) => t.into_owned(),
            (leaf, _) => return Err(self.shape_problem(Node::Leaf(leaf))),
        };
        match leaf {
            Leaf::Record(rec, i) => self.record(rec).texts[i] = Some(text),
            Leaf::Text(i) => {
                if let Some(slot) = self.instance.texts_mut().into_iter().nth(i) {
                    *slot = text;
                }
            }
            Leaf::LegacyDate if self.instance_seen & (1 << LAST_MODIFY_DATE) == 0 => self.instance.last_modify_date = text,
            Leaf::PairText(pair, which) => {
                let [status, operation] = self.instance.pairs_mut();
                let pair = if pair == 0 { status } else { operation };
                *(if which == 0 { &mut pair.code } else { &mut pair.code_name }) = text;
            }
            _ => {}
        }
        Ok(())
    }

    /// The field's name, as the answer spells it.
    fn name_of(&self, node: Node) -> &'static str {
        match node {
            Node::Document => "the body",
            Node::Wrapper => "Message",
            Node::Record(Rec::Answer) => self.answer_action.map_or("the answer", Action::response_name),
            Node::Record(Rec::Gateway) => "error",
            Node::Record(Rec::Service) => "responseError",
            Node::List => "vpcPeeringInstanceList",
            Node::Instance => "vpcPeeringInstance",
            Node::Pair(i) => PAIR_FIELDS[i],
            Node::Leaf(Leaf::Record(rec, i)) => RECORD_FIELDS[rec as usize][i],
            Node::Leaf(Leaf::TotalRows) => "totalRows",
            Node::Leaf(Leaf::Text(i)) => TEXT_FIELDS[i],
            Node::Leaf(Leaf::LegacyDate) => "lastModifiyDate",
            Node::Leaf(Leaf::Flag(i)) => FLAG_FIELDS[i],
            Node::Leaf(Leaf::PairText(_, which)) => ["code", "codeName"][which],
        }
    }

    /// The node holds a value of the wrong kind: text where fields belong, elements or an object where text does.
    fn shape_problem(&self, node: Node) -> Problem {
        let what = match node {
            Node::Leaf(Leaf::TotalRows) => NOT_COUNT,
            Node::Leaf(Leaf::Flag(_)) => NOT_FLAG,
            Node::Leaf(_) => NOT_TEXT,
            Node::List => NOT_LIST,
            _ => NOT_GROUP,
        };
        Problem::of(self.name_of(node), what)
    }

    /// The error the body describes, or the answer if it is a complete success.
    fn finish(self, action: Action, status: u16, body: &[u8]) -> Result<Answer<L>, Error> {
        if let Some(gateway) = self.gateway {
            return Err(gateway_error(status, gateway));
        }
        if let Some(service) = self.service {
            return Err(service_error(action, status, service));
        }
        let Some(record) = self.answer.filter(|_| self.answer_action == Some(action)) else {
            let what = format!("an answer that is not <{}>", action.response_name());
            let (code, message) = if (200..300).contains(&status) {
                (ErrorCode::BadResponse, format!("{} answered HTTP {status} with {what}", action.name()))
            } else {
                (ErrorCode::Http, format!("{} failed with HTTP {status}; the body is {what}, not an NCP error", action.name()))
            };
            return Err(Error::with_body(code, status, message, body));
        };
        let Some(code) = record.texts[0].as_deref().map(str::trim) else {
            return Err(unexpected(action, status, Problem::plain("an answer without returnCode"), body));
        };
        if code != "0" {
            return Err(service_error(action, status, record));
        }
        if !(200..300).contains(&status) {
            return Err(unexpected(action, status, Problem::plain("a success answer"), body));
        }
        let count = self.list.count();
        let total_rows = self.total_rows.unwrap_or(u32::try_from(count).unwrap_or(u32::MAX));
        if let Some(problem) = self.incomplete.or_else(|| incompleteness(action, self.total_rows, count, self.has_list)) {
            return Err(unexpected(action, status, problem, body));
        }
        let [return_code, return_message, request_id] = record.texts.map(Option::unwrap_or_default);
        Ok(Answer {
            request_id,
            return_code: return_code.trim().to_owned(),
            return_message,
            total_rows,
            vpc_peering_instance_list: self.list,
        })
    }
}

/// What makes a success answer incomplete for `action`: a create without the peering it made; fewer instances than
/// `totalRows` says, where no paging can explain it (every action but the list); more instances than it says; a
/// detail answer with several instances, or with neither a list nor `totalRows` 0 to say the peering is gone.
fn incompleteness(action: Action, total_rows: Option<u32>, count: usize, has_list: bool) -> Option<Problem> {
    let total = total_rows.map_or(count, |rows| usize::try_from(rows).unwrap_or(usize::MAX));
    let paged = action == Action::List;
    if total < count || (total > count && !paged) {
        return Some(Problem::of("totalRows", "does not match the list"));
    }
    match action {
        Action::Create if count == 0 => Some(Problem::of("vpcPeeringInstanceList", "holds no instance")),
        Action::Detail if count > 1 => Some(Problem::of("vpcPeeringInstanceList", "holds more than one instance")),
        Action::Detail if !has_list && total_rows != Some(0) => Some(Problem::of("vpcPeeringInstanceList", MISSING)),
        _ => None,
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
