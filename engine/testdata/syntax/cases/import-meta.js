export default () => typeof import.meta
