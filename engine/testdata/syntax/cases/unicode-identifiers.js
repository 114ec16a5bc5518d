const café = 'é', ʎ = 1, $_ = 2, \u0061bc = 'abc'
export default () => [café, ʎ + $_, abc]
