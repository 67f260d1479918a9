//! Answer parsing: the body NCP sent, XML or JSON, becomes one [`Answer`], or the [`Error`] it describes.
//! Pure: no JS. XML is read with quick-xml's streaming reader into a small element tree; JSON with miniserde
//! (small, and free of recursion, so hostile nesting cannot exhaust the stack).
//! Both feed one mapping ([`Node`]) so that the same data gives the same result whatever the wire format.

use crate::action::Action;
use crate::error::{Error, ErrorCode};
use crate::model::{Answer, CodeName, VpcPeeringInstance};
use quick_xml::events::Event;
use std::borrow::Cow;
use quick_xml::Reader;
use miniserde::json::{Number, Value};

/// Deeper XML is refused: NCP's answers are five levels deep, and a bound keeps hostile input cheap.
const MAX_XML_DEPTH: usize = 32;

/// Parses the answer to `action` given its HTTP `status` and body text.
pub fn parse_answer(action: Action, status: u16, body: &str) -> Result<Answer, Error> {
    let ok_status = (200..300).contains(&status);
    let doc = match read_document(body) {
        Ok(doc) => doc,
        Err(reason) => return Err(unexpected(action, status, reason, body)),
    };
    if let Some(gateway) = doc.find_error("error") {
        return Err(gateway_error(status, &gateway));
    }
    if let Some(service) = doc.find_error("responseError") {
        return Err(service_error(action, status, &service));
    }
    let Some(root) = doc.root(&format!("{}Response", action.name())) else {
        let reason = format!("an answer that is not <{}Response>", action.name());
        return Err(unexpected(action, status, &reason, body));
    };
    let answer = match read_answer(&root) {
        Some(answer) => answer,
        None => return Err(unexpected(action, status, "an answer without returnCode", body)),
    };
    if answer.return_code != "0" {
        let mut err = service_error(action, status, &root);
        err.request_id = Some(answer.request_id).filter(|id| !id.is_empty());
        return Err(err);
    }
    if !ok_status {
        return Err(unexpected(action, status, "a success answer", body));
    }
    Ok(answer)
}

fn unexpected(action: Action, status: u16, reason: &str, body: &str) -> Error {
    let (code, message) = if (200..300).contains(&status) {
        (ErrorCode::BadResponse, format!("{} answered HTTP {status} with {reason}, not the expected answer", action.name()))
    } else {
        (ErrorCode::Http, format!("{} failed with HTTP {status}; the body is {reason}, not an NCP error", action.name()))
    };
    Error::with_body(code, status, message, body)
}

fn gateway_error(status: u16, node: &Tree<'_>) -> Error {
    let code = node.text("errorCode").unwrap_or_default();
    let message = node.text("message").unwrap_or_default();
    let details = node.text("details").unwrap_or_default();
    let hint = match (status, code.trim()) {
        (401, "200") => ": the access key, the secret key or the signature is wrong, or this clock is more than 5 minutes off the gateway's (pass `timestamp` to correct it)",
        (401, "210") => ": the key has no permission for this action",
        (429, _) => ": too many requests, try again later",
        _ => "",
    };
    let mut text = format!("NCP gateway error {code} ({message}) with HTTP {status}{hint}");
    if !details.is_empty() {
        text = format!("{text}; details: {details}");
    }
    Error {
        status: Some(status),
        return_code: Some(code),
        return_message: Some(message),
        details: Some(details),
        ..Error::new(ErrorCode::NcpApi, text)
    }
}

fn service_error(action: Action, status: u16, node: &Tree<'_>) -> Error {
    let code = node.text("returnCode").unwrap_or_default().trim().to_owned();
    let message = node.text("returnMessage").unwrap_or_default();
    let again = if code == "1000" { " (NCP asks to try again later)" } else { "" };
    Error {
        status: Some(status),
        return_code: Some(code.clone()),
        return_message: Some(message.clone()),
        request_id: node.text("requestId").filter(|id| !id.is_empty()),
        ..Error::new(ErrorCode::NcpApi, format!("{} failed with returnCode {code}: {message}{again}", action.name()))
    }
}

fn read_answer(root: &Tree<'_>) -> Option<Answer> {
    let return_code = root.text("returnCode")?.trim().to_owned();
    let list: Vec<_> = root.items("vpcPeeringInstanceList", "vpcPeeringInstance").iter().map(read_instance).collect();
    let total_rows = root.text("totalRows").and_then(|t| t.trim().parse().ok()).unwrap_or(u32::try_from(list.len()).unwrap_or(u32::MAX));
    Some(Answer {
        request_id: root.text("requestId").unwrap_or_default(),
        return_code,
        return_message: root.text("returnMessage").unwrap_or_default(),
        total_rows,
        vpc_peering_instance_list: list,
    })
}

fn read_instance(node: &Tree<'_>) -> VpcPeeringInstance {
    let text = |name: &str| node.text(name).unwrap_or_default();
    let flag = |name: &str| node.text(name).is_some_and(|t| t.trim().eq_ignore_ascii_case("true"));
    let code_name = |name: &str| {
        node.child(name)
            .map(|c| CodeName { code: c.text("code").unwrap_or_default(), code_name: c.text("codeName").unwrap_or_default() })
            .unwrap_or_default()
    };
    VpcPeeringInstance {
        vpc_peering_instance_no: text("vpcPeeringInstanceNo"),
        vpc_peering_name: text("vpcPeeringName"),
        region_code: text("regionCode"),
        create_date: text("createDate"),
        // The docs say lastModifyDate; every official SDK model says lastModifiyDate.
        last_modify_date: node.text("lastModifyDate").or_else(|| node.text("lastModifiyDate")).unwrap_or_default(),
        vpc_peering_instance_status: code_name("vpcPeeringInstanceStatus"),
        vpc_peering_instance_status_name: text("vpcPeeringInstanceStatusName"),
        vpc_peering_instance_operation: code_name("vpcPeeringInstanceOperation"),
        source_vpc_no: text("sourceVpcNo"),
        source_vpc_name: text("sourceVpcName"),
        source_vpc_ipv4_cidr_block: text("sourceVpcIpv4CidrBlock"),
        source_vpc_login_id: text("sourceVpcLoginId"),
        target_vpc_no: text("targetVpcNo"),
        target_vpc_name: text("targetVpcName"),
        target_vpc_ipv4_cidr_block: text("targetVpcIpv4CidrBlock"),
        target_vpc_login_id: text("targetVpcLoginId"),
        vpc_peering_description: text("vpcPeeringDescription"),
        has_reverse_vpc_peering: flag("hasReverseVpcPeering"),
        is_between_accounts: flag("isBetweenAccounts"),
        reverse_vpc_peering_instance_no: text("reverseVpcPeeringInstanceNo"),
    }
}

/// A parsed body: an XML root element or a JSON value.
enum Document<'a> {
    Xml(XmlElement<'a>),
    Json(Value),
}

impl Document<'_> {
    /// The node under the root named `name`: the root element itself in XML, the top-level key in JSON.
    fn root(&self, name: &str) -> Option<Tree<'_>> {
        match self {
            Document::Xml(root) => (root.name == name).then_some(Tree::Xml(root)),
            Document::Json(value) => json_get(value, name).filter(|v| matches!(v, Value::Object(_))).map(Tree::Json),
        }
    }

    /// An error body named `name` (`error` or `responseError`), at the root or inside a `<Message>` wrapper.
    fn find_error(&self, name: &str) -> Option<Tree<'_>> {
        match self {
            Document::Xml(root) if root.name == "Message" => root.child(name).map(Tree::Xml),
            _ => self.root(name),
        }
    }
}

/// A node of either format, read by name.
#[derive(Clone, Copy)]
enum Tree<'a> {
    Xml(&'a XmlElement<'a>),
    Json(&'a Value),
}

impl<'a> Tree<'a> {
    fn child(&self, name: &str) -> Option<Tree<'a>> {
        match self {
            Tree::Xml(element) => element.child(name).map(Tree::Xml),
            Tree::Json(value) => json_get(value, name).map(Tree::Json),
        }
    }

    /// A leaf's text; JSON numbers and booleans as they would print.
    fn text(&self, name: &str) -> Option<String> {
        match self.child(name)? {
            Tree::Xml(element) => Some(element.text.as_ref().to_owned()),
            Tree::Json(Value::String(s)) => Some(s.clone()),
            Tree::Json(Value::Number(n)) => number_text(n),
            Tree::Json(Value::Bool(b)) => Some(b.to_string()),
            Tree::Json(_) => None,
        }
    }

    /// The items of a list: `<list><item/>…</list>` in XML, `"list": [ … ]` in JSON.
    fn items(&self, list: &str, item: &str) -> Vec<Tree<'a>> {
        match self.child(list) {
            Some(Tree::Xml(element)) => element.children.iter().filter(|c| c.name == item).map(Tree::Xml).collect(),
            Some(Tree::Json(Value::Array(values))) => {
                values.iter().filter(|v| matches!(v, Value::Object(_))).map(Tree::Json).collect()
            }
            _ => Vec::new(),
        }
    }
}

fn json_get<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    match value {
        Value::Object(object) => object.get(name),
        _ => None,
    }
}

/// A JSON number as text. NCP's numbers (`returnCode`, `totalRows`) are integers; a fraction reads as absent
/// rather than pulling float formatting into the binary.
fn number_text(number: &Number) -> Option<String> {
    match number {
        Number::U64(n) => Some(n.to_string()),
        Number::I64(n) => Some(n.to_string()),
        Number::F64(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Some((*n as i64).to_string()),
        Number::F64(_) => None,
    }
}

fn read_document(body: &str) -> Result<Document<'_>, &'static str> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    match trimmed.as_bytes().first() {
        None => Err("an empty body"),
        Some(b'{') => miniserde::json::from_str(trimmed).map(Document::Json).map_err(|_| "malformed or truncated JSON"),
        Some(b'<') => read_xml(trimmed).map(Document::Xml),
        Some(_) => Err("neither XML nor JSON"),
    }
}

/// An XML element: its local name, its text (entities resolved, CDATA included) and its child elements. Names
/// and unescaped text borrow from the body, so parsing allocates little more than the tree itself.
#[derive(Debug, Default)]
struct XmlElement<'a> {
    name: Cow<'a, str>,
    text: Cow<'a, str>,
    children: Vec<XmlElement<'a>>,
}

impl XmlElement<'_> {
    fn child(&self, name: &str) -> Option<&Self> {
        self.children.iter().find(|c| c.name == name)
    }
}

const MALFORMED: &str = "malformed or truncated XML";

fn utf8(bytes: Cow<'_, [u8]>) -> Result<Cow<'_, str>, &'static str> {
    match bytes {
        Cow::Borrowed(bytes) => core::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|_| MALFORMED),
        Cow::Owned(bytes) => String::from_utf8(bytes).map(Cow::Owned).map_err(|_| MALFORMED),
    }
}

/// Every element name the mapping reads: such names are stored without allocating.
const KNOWN_NAMES: &[&str] = &[
    "requestId", "returnCode", "returnMessage", "totalRows", "vpcPeeringInstanceList", "vpcPeeringInstance",
    "vpcPeeringInstanceNo", "vpcPeeringName", "regionCode", "createDate", "lastModifyDate", "lastModifiyDate",
    "vpcPeeringInstanceStatus", "vpcPeeringInstanceStatusName", "vpcPeeringInstanceOperation", "code", "codeName",
    "sourceVpcNo", "sourceVpcName", "sourceVpcIpv4CidrBlock", "sourceVpcLoginId", "targetVpcNo", "targetVpcName",
    "targetVpcIpv4CidrBlock", "targetVpcLoginId", "vpcPeeringDescription", "hasReverseVpcPeering",
    "isBetweenAccounts", "reverseVpcPeeringInstanceNo", "error", "errorCode", "message", "details", "responseError",
    "Message",
];

/// A tag's local name (no prefix). quick-xml 0.37 lends names only for the event's life: known names map to
/// static strings, others are copied.
fn local_name(tag: &quick_xml::events::BytesStart<'_>) -> Result<Cow<'static, str>, &'static str> {
    let name = core::str::from_utf8(tag.local_name().into_inner()).map_err(|_| MALFORMED)?;
    Ok(match KNOWN_NAMES.iter().find(|known| **known == name) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(name.to_owned()),
    })
}

/// Whether text is only XML whitespace (space, tab, CR, LF: XML 1.0 §2.3).
fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn append<'a>(text: &mut Cow<'a, str>, more: Cow<'a, str>) {
    if text.is_empty() {
        *text = more;
    } else {
        text.to_mut().push_str(&more);
    }
}

/// Attaches a finished element to its parent, or makes it the root.
fn close<'a>(element: XmlElement<'a>, open: &mut [XmlElement<'a>], root: &mut Option<XmlElement<'a>>) -> Result<(), &'static str> {
    match open.last_mut() {
        Some(parent) => {
            parent.children.push(element);
            Ok(())
        }
        None if root.is_none() => {
            *root = Some(element);
            Ok(())
        }
        None => Err("XML with more than one root element"),
    }
}

fn read_xml(body: &str) -> Result<XmlElement<'_>, &'static str> {
    let mut reader = Reader::from_str(body);
    let mut open: Vec<XmlElement<'_>> = Vec::new();
    let mut root: Option<XmlElement<'_>> = None;
    loop {
        match reader.read_event().map_err(|_| MALFORMED)? {
            Event::Start(start) => {
                if open.len() >= MAX_XML_DEPTH {
                    return Err("XML nested too deeply");
                }
                if root.is_some() {
                    return Err("XML with more than one root element");
                }
                // Indentation before a child is not the parent's text.
                if let Some(parent) = open.last_mut() {
                    if is_blank(&parent.text) {
                        parent.text = Cow::Borrowed("");
                    }
                }
                open.push(XmlElement { name: local_name(&start)?, ..XmlElement::default() });
            }
            Event::Empty(empty) => {
                let element = XmlElement { name: local_name(&empty)?, ..XmlElement::default() };
                close(element, &mut open, &mut root)?;
            }
            Event::End(_) => {
                let done = open.pop().ok_or(MALFORMED)?;
                close(done, &mut open, &mut root)?;
            }
            Event::Text(chars) => {
                let chars = chars.unescape().map_err(|_| "XML with an unknown entity or bad character reference")?;
                match open.last_mut() {
                    // Indentation after a child: NCP's answers hold no mixed content.
                    Some(current) if !current.children.is_empty() && is_blank(&chars) => {}
                    Some(current) => append(&mut current.text, chars),
                    None if is_blank(&chars) => {}
                    None => return Err("XML with text outside the root element"),
                }
            }
            Event::CData(data) => {
                let data = utf8(data.into_inner())?;
                append(&mut open.last_mut().ok_or(MALFORMED)?.text, data);
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return Err(MALFORMED);
    }
    root.ok_or("XML without a root element")
}

#[cfg(test)]
mod tests;
