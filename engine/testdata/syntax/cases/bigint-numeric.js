export default () => [String(2n ** 64n), String(1_000_000n * 3n), 1_000_000.5, 0b1010, 0o17, 0xff_ff, typeof 1n, String(BigInt.asUintN(8, 257n)), 2 ** 10, (-2) ** 3]
