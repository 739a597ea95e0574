/** Herald's transport SPI: what a transport implements and what it calls. No dependencies. */
module dev.herald.transport {
  exports dev.herald.transport;
}
