// The in-page grader: instantiates mcheck.wasm (made by `make wasm`: the engine and grading core in WebAssembly)
// and grades one answer at a time. Shared by the course pages (exercises.js) and the parity test run by node
// (scripts/wasm-grade.js). The module needs only four WASI functions, provided here.
(function (root) {
  "use strict";

  function wasiImports(getMemory) {
    const bytes = () => new Uint8Array(getMemory().buffer);
    const view = () => new DataView(getMemory().buffer);
    return {
      wasi_snapshot_preview1: {
        // Output (a trap's message) goes to the console; nothing else writes.
        fd_write(fd, iovs, count, written) {
          let text = "", total = 0;
          for (let k = 0; k < count; k++) {
            const base = view().getUint32(iovs + 8 * k, true), length = view().getUint32(iovs + 8 * k + 4, true);
            text += new TextDecoder().decode(bytes().subarray(base, base + length));
            total += length;
          }
          view().setUint32(written, total, true);
          if (text.trim()) console.error("mcheck.wasm: " + text.trim());
          return 0;
        },
        fd_close() { return 0; },
        fd_seek() { return 0; },
        // Grading draws its sample points from a fixed seed; this only seeds the hashing of sets and dictionaries.
        random_get(pointer, length) {
          const out = bytes().subarray(pointer, pointer + length);
          if (root.crypto && root.crypto.getRandomValues) root.crypto.getRandomValues(out);
          else for (let k = 0; k < length; k++) out[k] = (Math.random() * 256) | 0;
          return 0;
        },
      },
    };
  }

  /// A grader over an instance of the module: grade(request) → the result object `mcheck --format json` writes
  /// for an exercise ({id, line, verdict, score, message, feedback}), or {errors: [...]} for a block it cannot read.
  function makeGrader(instance) {
    const e = instance.exports;
    e._initialize();
    const encoder = new TextEncoder(), decoder = new TextDecoder();
    return {
      grade(request) {
        const wire = [request.file, String(request.fenceLine), request.code, String(request.answerLine), request.answer].join("\u0000");
        const input = encoder.encode(wire);
        const pointer = e.mcheck_alloc(input.length);
        new Uint8Array(e.memory.buffer, pointer, input.length).set(input);
        const result = e.mcheck_grade(pointer, input.length);
        const length = new DataView(e.memory.buffer).getUint32(result, true);
        const text = decoder.decode(new Uint8Array(e.memory.buffer, result + 4, length));
        e.mcheck_free(result);
        return JSON.parse(text);
      },
    };
  }

  /// Compiles and instantiates the module from its bytes (an ArrayBuffer or typed array) or, in a browser, a
  /// fetch() Response (compiled while it streams; the server must send it as application/wasm).
  async function instantiate(source) {
    let memory = null;
    const imports = wasiImports(() => memory);
    let result;
    if (typeof Response !== "undefined" && source instanceof Response) {
      result = await WebAssembly.instantiateStreaming(source, imports);
    } else {
      result = await WebAssembly.instantiate(source, imports);
    }
    const instance = result.instance || result;
    memory = instance.exports.memory;
    return makeGrader(instance);
  }

  const api = { instantiate };
  root.McheckGrader = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
