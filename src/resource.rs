//! The resources the actions answer with, each a schema: the answer's list name, the XML element of each item, and
//! the item's fields in the order the API documents them, each with its kind. One schema drives the reading of XML
//! and JSON answers ([`crate::response`]), the JSON handed to JS and the object JS builds from it
//! ([`crate::model`]). A field Rust branches on is read through a typed view ([`crate::model::PeeringView`]).
//!
//! Source: `ncp-api.md` §4 (the peering instance) and `ncp-vpc-routes.md` (VPCs, route tables, routes).

/// What a field holds, and so how it is read, checked and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text; an absent one reads as `""`.
    Text,
    /// `true` or `false` (JSON booleans; XML text, any case); an absent one reads as `false`.
    Flag,
    /// A whole number from 0 to 4294967295 (a JSON number or XML text of digits); an absent one reads as 0.
    Integer,
    /// A `{code, codeName}` pair such as a status; branch on its code, show its name.
    CodeName,
}

/// One field of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name, on the wire (XML element, JSON key) and in the object handed to JS.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Another spelling read when `name` is absent: `lastModifiyDate`, the SDKs' spelling of `lastModifyDate`.
    pub alias: Option<&'static str>,
    /// Whether an item without it (or with it blank; for a pair, its code) is refused: without these an item
    /// names nothing and says nothing, and the Rust that branches on it could not judge it.
    pub required: bool,
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, alias: None, required: false }
}

/// A text field.
pub const fn text(name: &'static str) -> Field {
    field(name, Kind::Text)
}

/// A flag.
pub const fn flag(name: &'static str) -> Field {
    field(name, Kind::Flag)
}

/// A whole number.
pub const fn integer(name: &'static str) -> Field {
    field(name, Kind::Integer)
}

/// A `{code, codeName}` pair.
pub const fn code_name(name: &'static str) -> Field {
    field(name, Kind::CodeName)
}

impl Field {
    /// The field, required.
    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }

    /// The field, also read under `alias` (when `name` is absent).
    pub const fn alias(self, alias: &'static str) -> Field {
        Field { alias: Some(alias), ..self }
    }
}

/// The most fields a resource may have, aliases counted apart: the parser marks each one met in a 64-bit set.
pub const MAX_FIELDS: usize = 32;

/// A resource: the list an answer holds and the fields of each item.
#[derive(Debug, PartialEq, Eq)]
pub struct Resource {
    /// The answer's list (`vpcPeeringInstanceList`).
    pub list: &'static str,
    /// The XML element of each item of the list (`vpcPeeringInstance`); JSON's items are an array's.
    pub item: &'static str,
    /// The fields, in the API's documented order: the order of the object handed to JS.
    pub fields: &'static [Field],
}

impl Resource {
    /// The position of the field named `name` (not an alias), or `None`.
    pub const fn position(&self, name: &str) -> Option<usize> {
        let mut index = 0;
        while index < self.fields.len() {
            if same(self.fields[index].name, name) {
                return Some(index);
            }
            index += 1;
        }
        None
    }
}

/// String equality usable in a `const fn`.
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// A VPC peering (`VpcPeeringInstance`), every field the API documents (ncp-api.md §4).
pub const PEERING: Resource = Resource {
    list: "vpcPeeringInstanceList",
    item: "vpcPeeringInstance",
    fields: &[
        text("vpcPeeringInstanceNo").required(),
        text("vpcPeeringName"),
        text("regionCode"),
        // When it was created or last changed, as NCP writes it (`2020-08-07T17:53:06+0900`).
        text("createDate"),
        text("lastModifyDate").alias("lastModifiyDate"),
        // INIT, RUN or TERMTING.
        code_name("vpcPeeringInstanceStatus").required(),
        // The status as localised text: shown, never branched on.
        text("vpcPeeringInstanceStatusName"),
        code_name("vpcPeeringInstanceOperation"),
        text("sourceVpcNo"),
        text("sourceVpcName"),
        text("sourceVpcIpv4CidrBlock"),
        text("sourceVpcLoginId"),
        text("targetVpcNo"),
        text("targetVpcName"),
        text("targetVpcIpv4CidrBlock"),
        text("targetVpcLoginId"),
        text("vpcPeeringDescription"),
        flag("hasReverseVpcPeering"),
        flag("isBetweenAccounts"),
        text("reverseVpcPeeringInstanceNo"),
    ],
};

/// A VPC (`Vpc`): what getVpcList and getVpcDetail answer (ncp-vpc-routes.md, Answers).
pub const VPC: Resource = Resource {
    list: "vpcList",
    item: "vpc",
    fields: &[
        text("vpcNo").required(),
        text("vpcName"),
        // The VPC's address block, such as `10.0.0.0/16`: what a peering's routes point at.
        text("ipv4CidrBlock"),
        code_name("vpcStatus"),
        text("regionCode"),
        text("createDate"),
    ],
};

/// A route table (`RouteTable`): what getRouteTableList and getRouteTableDetail answer.
pub const ROUTE_TABLE: Resource = Resource {
    list: "routeTableList",
    item: "routeTable",
    fields: &[
        text("routeTableNo").required(),
        text("routeTableName"),
        text("regionCode"),
        text("vpcNo"),
        // PUBLIC or PRIVATE: the subnets it may serve.
        code_name("supportedSubnetType"),
        // The VPC's default table of that subnet type.
        flag("isDefault"),
        code_name("routeTableStatus"),
        text("routeTableDescription"),
    ],
};

/// A route (`Route`): what getRouteList, addRoute and removeRoute answer (a table's routes).
pub const ROUTE: Resource = Resource {
    list: "routeList",
    item: "route",
    fields: &[
        text("destinationCidrBlock").required(),
        text("targetName"),
        text("routeTableNo"),
        // NATGW, VPCPEERING or VGW; the local route's code is undocumented.
        code_name("targetType"),
        text("targetNo"),
        // The table's own local route, which cannot be removed.
        flag("isDefault"),
    ],
};

/// Every resource, for the checks that hold for all of them.
pub const RESOURCES: &[&Resource] = &[&PEERING, &VPC, &ROUTE_TABLE, &ROUTE];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_one_the_parser_can_follow() {
        for resource in RESOURCES {
            assert!(resource.fields.len() <= MAX_FIELDS, "{}", resource.list);
            let mut names: Vec<&str> = resource.fields.iter().map(|f| f.name).collect();
            names.extend(resource.fields.iter().filter_map(|f| f.alias));
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{}: a name or alias given twice", resource.list);
            for field in resource.fields {
                // An alias stands for a value read whole; a pair's two texts are read one by one.
                assert!(field.alias.is_none() || field.kind != Kind::CodeName, "{}", field.name);
            }
            assert_ne!(resource.list, resource.item);
        }
    }

    #[test]
    fn positions_are_found_by_name_only() {
        assert_eq!(PEERING.position("vpcPeeringInstanceNo"), Some(0));
        assert_eq!(PEERING.position("isBetweenAccounts"), Some(18));
        assert_eq!(PEERING.position("lastModifiyDate"), None, "an alias is no field of its own");
        assert_eq!(PEERING.position("vpcPeeringInstanceN"), None);
    }
}
