import { describe, expect, it } from "vitest";
import { encodeWav, extractChannel, interleaveStereo, parseWav, WavError, wavHeader } from "./wav";

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof WavError) return e.reason;
    throw e;
  }
  return undefined;
}

describe("WAV", () => {
  it("round-trips mono PCM16", () => {
    const samples = new Int16Array([0, 1, -1, 32767, -32768, 1234]);
    const file = encodeWav(samples, 8000);
    expect(file.length).toBe(44 + 12);
    expect(file.toString("ascii", 0, 4)).toBe("RIFF");
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    const back = parseWav(file);
    expect(back.sampleRate).toBe(8000);
    expect(back.channels).toBe(1);
    expect([...back.samples]).toEqual([...samples]);
  });

  it("round-trips stereo and splits the channels back", () => {
    const left = new Int16Array([1, 2, 3]);
    const right = new Int16Array([-1, -2]);
    const file = encodeWav(interleaveStereo(left, right), 8000, 2);
    expect(file.readUInt32LE(28)).toBe(8000 * 4);
    const back = parseWav(file);
    expect(back.channels).toBe(2);
    expect([...extractChannel(back.samples, 2, 0)]).toEqual([1, 2, 3]);
    expect([...extractChannel(back.samples, 2, 1)]).toEqual([-1, -2, 0]);
  });

  it("skips unknown chunks, honouring the pad byte of odd-sized ones", () => {
    const plain = encodeWav(new Int16Array([5, -5]), 16000);
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([3, 0, 0, 0]), Buffer.from("abc"), Buffer.from([0])]);
    const file = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    file.writeUInt32LE(file.length - 8, 4);
    const back = parseWav(file);
    expect(back.sampleRate).toBe(16000);
    expect([...back.samples]).toEqual([5, -5]);
  });

  it("reads 8-bit μ-law files as linear PCM", () => {
    const file = Buffer.from(wavHeader(3, 8000, 1));
    file.writeUInt16LE(7, 20); // format: μ-law
    file.writeUInt32LE(8000, 28);
    file.writeUInt16LE(1, 32); // block align
    file.writeUInt16LE(8, 34); // bits
    const back = parseWav(Buffer.concat([file, Buffer.from([0xff, 0x80, 0x00])]));
    expect([...back.samples]).toEqual([0, 32124, -32124]);
  });

  it("accepts a streamed file whose data size was never patched", () => {
    const file = encodeWav(new Int16Array([7, 8, 9]), 8000);
    file.writeUInt32LE(0xffffffff, 40);
    expect([...parseWav(file).samples]).toEqual([7, 8, 9]);
  });

  it("refuses malformed files with a stable reason", () => {
    const good = encodeWav(new Int16Array([1, 2, 3, 4]), 8000);
    expect(reasonOf(() => parseWav(Buffer.alloc(5)))).toBe("TOO_SHORT");
    expect(reasonOf(() => parseWav(Buffer.from("RIFX\0\0\0\0WAVEfmt ")))).toBe("NOT_RIFF_WAVE");
    expect(reasonOf(() => parseWav(good.subarray(0, 36)))).toBe("NO_DATA_CHUNK");
    expect(reasonOf(() => parseWav(good.subarray(0, 48)))).toBe("TRUNCATED_DATA");

    const float = Buffer.from(good);
    float.writeUInt16LE(3, 20);
    float.writeUInt16LE(32, 34);
    expect(reasonOf(() => parseWav(float))).toBe("UNSUPPORTED_FORMAT");

    const noFmt = Buffer.concat([good.subarray(0, 12), good.subarray(36)]);
    expect(reasonOf(() => parseWav(noFmt))).toBe("NO_FMT_CHUNK");

    const badAlign = Buffer.from(good);
    badAlign.writeUInt16LE(4, 32);
    expect(reasonOf(() => parseWav(badAlign))).toBe("BAD_FORMAT");

    const runaway = Buffer.from(good);
    runaway.writeUInt32LE(1000, 16); // fmt chunk claims more than the file holds
    expect(reasonOf(() => parseWav(runaway))).toBe("BAD_CHUNK");

    const err = (() => {
      try {
        parseWav(Buffer.alloc(3));
      } catch (e) {
        return e as WavError;
      }
    })();
    expect(err?.code).toBe("VALIDATION_FAILED");
    expect(err?.message).toMatch(/Invalid WAV file/);
  });

  it("refuses to write impossible headers", () => {
    expect(() => encodeWav(new Int16Array(3), 8000, 2)).toThrow(RangeError);
    expect(() => wavHeader(0, 0, 1)).toThrow(RangeError);
  });
});
