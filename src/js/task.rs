//! The executor of the async exports. Each call's future waits in a slot here; host.js's `Task` polls it, inside a
//! try/catch, whenever something it waits on (a host.js `Pending`) settles. So every entry into the wasm while a
//! call runs has a JS frame of ours around it: a trap (out of memory, say) rejects that one call with
//! `ERR_INTERNAL` and releases its timer and listener, where wasm-bindgen-futures' queue would let it escape as an
//! uncaught exception and leave the call unsettled (docs/security.md, "Round two — the host").
//!
//! The futures wait only on `Pending`s (see [`Wait`]); host.js wakes the task that made one, so the `Waker` given
//! to `poll` is never used.

use js_sys::Promise;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/host.js")]
extern "C" {
    /// host.js `Task`: polls one future and settles the call's promise.
    type HostTask;
    #[wasm_bindgen(constructor, js_class = "Task")]
    fn new(id: u32, what: &str, poll: &JsValue) -> HostTask;
    #[wasm_bindgen(method, getter, js_class = "Task")]
    fn promise(this: &HostTask) -> Promise;
    #[wasm_bindgen(method, js_class = "Task")]
    fn done(this: &HostTask, ok: bool, value: JsValue);

    /// host.js `Pending`: a promise's outcome, readable without awaiting.
    pub type Pending;
    #[wasm_bindgen(method, getter, js_name = done)]
    fn is_done(this: &Pending) -> bool;
    #[wasm_bindgen(method, getter)]
    fn value(this: &Pending) -> JsValue;
}

/// A call's future: resolves or rejects the call's promise with its value.
type CallFuture = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The futures in flight, by slot, and the slots free for reuse. A future is taken out of its slot while it is
/// polled, so a trap leaves nothing borrowed; the slot of a trapped call is never reused.
#[derive(Default)]
struct Slots {
    futures: Vec<Option<(CallFuture, HostTask)>>,
    free: Vec<u32>,
}

/// Never called: host.js wakes the task that made a `Pending`.
struct Unused;

impl Wake for Unused {
    fn wake(self: Arc<Self>) {}
}

thread_local! {
    static SLOTS: RefCell<Slots> = RefCell::default();
    static WAKER: Waker = Waker::from(Arc::new(Unused));
    /// The poll function host.js calls, one for the instance.
    static POLL: Closure<dyn FnMut(u32)> = Closure::new(poll);
}

/// Runs `future` as the call `what`: the returned promise settles with its outcome, or with `ERR_INTERNAL` if the
/// wasm traps while polling it.
pub fn spawn(what: &'static str, future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let future: CallFuture = Box::pin(future);
    let id = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        slots.free.pop().unwrap_or_else(|| {
            slots.futures.push(None);
            (slots.futures.len() - 1) as u32
        })
    });
    // The first poll comes on a later microtask, so the slot is filled by then.
    let task = POLL.with(|poll| HostTask::new(id, what, poll.as_ref()));
    let promise = task.promise();
    SLOTS.with(|slots| slots.borrow_mut().futures[id as usize] = Some((future, task)));
    promise
}

/// Polls the future in slot `id` once (host.js `Task.run`).
fn poll(id: u32) {
    let taken = SLOTS.with(|slots| slots.borrow_mut().futures.get_mut(id as usize).and_then(Option::take));
    let Some((mut future, task)) = taken else { return };
    let waker = WAKER.with(Waker::clone);
    match future.as_mut().poll(&mut Context::from_waker(&waker)) {
        Poll::Pending => SLOTS.with(|slots| slots.borrow_mut().futures[id as usize] = Some((future, task))),
        Poll::Ready(outcome) => {
            // Dropped first: the call's budget releases its timer and listener before the caller hears of it.
            drop(future);
            SLOTS.with(|slots| slots.borrow_mut().free.push(id));
            match outcome {
                Ok(value) => task.done(true, value),
                Err(value) => task.done(false, value),
            }
        }
    }
}

/// Waits for a host.js `Pending` (which never fails) and gives its value.
pub struct Wait(pub Pending);

impl Future for Wait {
    type Output = JsValue;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<JsValue> {
        if self.0.is_done() {
            Poll::Ready(self.0.value())
        } else {
            Poll::Pending
        }
    }
}
