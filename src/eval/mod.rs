//! Evaluations that print accuracy figures (`vanban eval …`). Each reads its labelled
//! material, runs the library, and returns a printable report; nothing here is tuned on.

pub mod extract;
