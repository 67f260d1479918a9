//! # ncloud-vpc-wasm
//!
//! NAVER Cloud Platform's VPC peering API for every JavaScript runtime. The pipeline, one module per phase:
//!
//! 1. [`options`]: the caller's options are validated into a [`call`] ([`action`] is the table of actions: each
//!    one's parameters and rules, and the [`resource`] its answer holds);
//! 2. [`request`]: the request is built, its query percent-encoded once by [`encode`];
//! 3. [`sign`]: that very path+query is signed (API Gateway signature v2);
//! 4. `js` (wasm32 only): sent with the host's `fetch`, under a time budget and the caller's signal, retried
//!    per [`retry`];
//! 5. [`response`]: the XML or JSON answer becomes the [`model`] (read by the resource's schema), or an [`error`].
//!
//! What a call from JS does is a [`plan`]: one call ([`plan::Single`]), or several with pauses (the [`wait`]), each
//! step decided from the last outcome and performed by the one executor in `js`. [`api`] maps the names JS calls to
//! their plans.
//!
//! Everything but `js` is pure Rust with no clock and no JS, tested natively with `cargo test`.

#![warn(missing_docs)]
// `Error` carries every fact a caller may branch on (~250 bytes); it travels only on the cold path.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

pub mod action;
pub mod api;
pub mod call;
pub mod connect;
pub mod resource;
pub mod encode;
pub mod error;
pub mod model;
pub mod options;
pub mod plan;
pub mod request;
pub mod response;
pub mod retry;
pub mod sign;
pub mod wait;

#[cfg(target_arch = "wasm32")]
mod js;

/// The wasm's allocator: talc instead of the standard library's dlmalloc, 2.5 KB less of the gzipped `.wasm` for the
/// same speed within the bench's noise (docs/performance.md, "What the download is made of").
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
