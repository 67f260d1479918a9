//! The names JS can call: one per action of the table ([`Action::ALL`]), and the plans beyond it (the wait). What
//! each name runs, and the list the package's JS layer (pkg-template/api.mjs) makes its exports from: per name an
//! async function and a `client` method, per action also its dry run `build…Request`.

use crate::action::{Action, Param, Rule};
use crate::error::Error;
use crate::model::write_json_string;
use crate::connect::{Connection, Goal, CONNECT, DISCONNECT};
use crate::options::{validate_call, validate_connection, validate_wait, Entries, CONNECTION_PARAMS};
use crate::plan::{Plan, Single};
use crate::wait::{Wait, NAME as WAIT};

/// A name JS can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callable {
    /// An API call: one request, with its dry run.
    Action(Action),
    /// `waitForVpcPeeringInstance`: a plan of polls, read-only, with no single request to show.
    Wait,
    /// `connectVpcs` or `disconnectVpcs`: a plan of reads, changes and waits across one or two accounts.
    Connection(Goal),
}

impl Callable {
    /// Every name, the actions in the table's order, then the plans.
    pub fn all() -> impl Iterator<Item = Callable> {
        let plans = [Callable::Wait, Callable::Connection(Goal::Connect), Callable::Connection(Goal::Disconnect)];
        Action::ALL.into_iter().map(Callable::Action).chain(plans)
    }

    /// The callable of this name, if there is one.
    pub fn from_name(name: &str) -> Option<Callable> {
        Callable::all().find(|callable| callable.name() == name)
    }

    /// Its name in JS.
    pub fn name(self) -> &'static str {
        match self {
            Callable::Action(action) => action.name(),
            Callable::Wait => WAIT,
            Callable::Connection(Goal::Connect) => CONNECT,
            Callable::Connection(Goal::Disconnect) => DISCONNECT,
        }
    }

    /// Whether it only reads (sends no mutating request).
    pub fn is_read_only(self) -> bool {
        match self {
            Callable::Action(action) => action.is_read_only(),
            Callable::Wait => true,
            Callable::Connection(_) => false,
        }
    }

    /// The parameters it sends, in wire order (a plan's: those of the call it is built on), for the checks of the
    /// hand-written types and forms against the table.
    fn params(self) -> &'static [Param] {
        match self {
            Callable::Action(action) => action.params(),
            Callable::Wait => Action::Detail.params(),
            Callable::Connection(_) => CONNECTION_PARAMS,
        }
    }

    /// Whether it is a plan of several steps rather than one request (so it has no dry run).
    pub fn is_plan(self) -> bool {
        !matches!(self, Callable::Action(_))
    }

    /// The plan these options ask for, started at `now` (ms since the epoch), or every problem with the options,
    /// each naming its field.
    pub fn plan(self, entries: &Entries, now: u64) -> Result<Box<dyn Plan>, Vec<Error>> {
        Ok(match self {
            Callable::Action(action) => Box::new(Single::new(validate_call(action, entries)?)),
            Callable::Wait => Box::new(Wait::new(validate_wait(entries)?)),
            Callable::Connection(goal) => Box::new(Connection::new(validate_connection(entries)?, goal, now)),
        })
    }
}

/// `["name",…]` of `params`.
fn write_names(out: &mut String, params: &[Param]) {
    out.push('[');
    for (index, param) in params.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_json_string(out, param.name);
    }
    out.push(']');
}

/// Every name as JSON, for the JS layer: `[{"name":…,"readOnly":…,"plan":…,"params":[…]},…]`, with
/// `"objects":{"routeList":[…]}` for a row whose list parameter holds objects.
pub fn table_json() -> String {
    let mut out = String::from("[");
    for (index, callable) in Callable::all().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        write_json_string(&mut out, callable.name());
        out.push_str(if callable.is_read_only() { ",\"readOnly\":true" } else { ",\"readOnly\":false" });
        out.push_str(if callable.is_plan() { ",\"plan\":true" } else { ",\"plan\":false" });
        out.push_str(",\"params\":");
        write_names(&mut out, callable.params());
        // The fields of the objects of a list parameter (routeList), so that the types of those objects are checked too.
        let mut lists = callable.params().iter().filter_map(|param| match param.rule {
            Rule::ObjectList(shape) => Some((param.name, shape.fields)),
            _ => None,
        });
        if let Some((name, fields)) = lists.next() {
            out.push_str(",\"objects\":{");
            write_json_string(&mut out, name);
            out.push(':');
            write_names(&mut out, fields);
            for (name, fields) in lists {
                out.push(',');
                write_json_string(&mut out, name);
                out.push(':');
                write_names(&mut out, fields);
            }
            out.push('}');
        }
        out.push('}');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::OptionValue;
    use crate::plan::{Outcome, Step};

    #[test]
    fn every_action_and_the_wait_by_name() {
        let names: Vec<_> = Callable::all().map(Callable::name).collect();
        assert_eq!(
            names,
            [
                "createVpcPeeringInstance",
                "getVpcPeeringInstanceList",
                "getVpcPeeringInstanceDetail",
                "acceptOrRejectVpcPeering",
                "deleteVpcPeeringInstance",
                "setVpcPeeringDescription",
                "getVpcList",
                "getVpcDetail",
                "getRouteTableList",
                "getRouteTableDetail",
                "getRouteList",
                "addRoute",
                "removeRoute",
                "waitForVpcPeeringInstance",
                "connectVpcs",
                "disconnectVpcs"
            ]
        );
        for callable in Callable::all() {
            assert_eq!(Callable::from_name(callable.name()), Some(callable));
        }
        assert_eq!(Callable::from_name("buildCreateVpcPeeringInstanceRequest"), None);
        assert_eq!(Callable::from_name(""), None);
    }

    #[test]
    fn the_table_as_json() {
        let json = table_json();
        assert!(json.starts_with(r#"[{"name":"createVpcPeeringInstance","readOnly":false,"plan":false,"params":["regionCode","sourceVpcNo","targetVpcNo","vpcPeeringName","targetVpcName","targetVpcLoginId","vpcPeeringDescription"]},{"name":"getVpcPeeringInstanceList","readOnly":true,"plan":false,"params":["#));
        assert!(json.contains(r#",{"name":"waitForVpcPeeringInstance","readOnly":true,"plan":true,"params":["regionCode","vpcPeeringInstanceNo"]},"#));
        assert!(json.ends_with(r#",{"name":"disconnectVpcs","readOnly":false,"plan":true,"params":["regionCode","sourceVpcNo","targetVpcNo","vpcPeeringName","targetVpcName","targetVpcLoginId","sourceRouteTableNoList","targetRouteTableNoList"]}]"#));
        assert_eq!(json.matches("\"name\"").count(), Action::ALL.len() + 3);
        assert!(json.contains(r#"{"name":"addRoute","readOnly":false,"plan":false,"params":["regionCode","vpcNo","routeTableNo","routeList"],"objects":{"routeList":["destinationCidrBlock","targetTypeCode","targetNo","targetName"]}}"#));
    }

    #[test]
    fn each_name_runs_its_plan_or_names_every_problem() {
        let options = crate::plan::tests::entries(&[("vpcPeeringInstanceNo", OptionValue::String("9".into()))]);
        let mut detail = Callable::Action(Action::Detail).plan(&options, 0).unwrap();
        assert_eq!(detail.name(), "getVpcPeeringInstanceDetail");
        assert!(matches!(detail.next(Outcome::Start), Step::Call { .. }));
        let mut wait = Callable::Wait.plan(&options, 0).unwrap();
        assert_eq!(wait.name(), "waitForVpcPeeringInstance");
        assert!(matches!(wait.next(Outcome::Start), Step::Sleep(_)));
        let Err(problems) = Callable::Action(Action::Create).plan(&options, 0) else { panic!("refused") };
        let fields: Vec<_> = problems.iter().map(|e| e.field.as_deref().unwrap_or_default()).collect();
        assert_eq!(fields, ["vpcPeeringInstanceNo", "sourceVpcNo", "targetVpcNo"]);
    }
}
