package com.techradium.iris.audit;

/** How an action ended. */
public enum Outcome {
  /** The action was carried out. */
  SUCCESS,
  /** The action was attempted and failed (wrong password, validation error, ...). */
  FAILURE,
  /** The action was refused by an authorisation or policy decision. */
  DENIED,
  /** The action failed because of a fault on the server side. */
  ERROR
}
