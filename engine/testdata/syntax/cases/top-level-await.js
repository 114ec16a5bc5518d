const v = await new Promise((r) => setTimeout(() => r('awaited'), 5))
export default () => v
