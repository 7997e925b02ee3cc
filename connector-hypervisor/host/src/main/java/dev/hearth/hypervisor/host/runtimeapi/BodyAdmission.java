package dev.hearth.hypervisor.host.runtimeapi;

/** Decides from a request's head, before any of its body is read, whether the body may be read. */
interface BodyAdmission {
    void admit(String method, String path) throws BadRequest;
}
