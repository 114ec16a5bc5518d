// Package all links in every Node.js built-in module jsroute provides: import it for its side
// effect (each module registers itself with package node from its init function).
package all

import (
	_ "github.com/jsroute/jsroute/webapi/node/assert"
	_ "github.com/jsroute/jsroute/webapi/node/asynchooks" // node:async_hooks
	_ "github.com/jsroute/jsroute/webapi/node/buffer"     // node:buffer, the Buffer global
	_ "github.com/jsroute/jsroute/webapi/node/crypto"     // node:crypto
	_ "github.com/jsroute/jsroute/webapi/node/diagchannel"
	_ "github.com/jsroute/jsroute/webapi/node/dns" // node:dns, node:dns/promises
	_ "github.com/jsroute/jsroute/webapi/node/events"
	_ "github.com/jsroute/jsroute/webapi/node/fs" // node:fs, node:fs/promises
	_ "github.com/jsroute/jsroute/webapi/node/httpconst"
	_ "github.com/jsroute/jsroute/webapi/node/module"
	_ "github.com/jsroute/jsroute/webapi/node/net" // node:net (client sockets)
	_ "github.com/jsroute/jsroute/webapi/node/os"
	_ "github.com/jsroute/jsroute/webapi/node/passwords" // bcrypt, argon2, bcryptjs (npm packages, Go-native)
	_ "github.com/jsroute/jsroute/webapi/node/path"
	_ "github.com/jsroute/jsroute/webapi/node/perfhooks"
	_ "github.com/jsroute/jsroute/webapi/node/querystring"
	_ "github.com/jsroute/jsroute/webapi/node/stream"        // node:stream, stream/promises, stream/web, stream/consumers
	_ "github.com/jsroute/jsroute/webapi/node/stringdecoder" // node:string_decoder
	_ "github.com/jsroute/jsroute/webapi/node/timers"
	_ "github.com/jsroute/jsroute/webapi/node/tls" // node:tls (client)
	_ "github.com/jsroute/jsroute/webapi/node/tty" // node:tty (isatty: false)
	_ "github.com/jsroute/jsroute/webapi/node/url"
	_ "github.com/jsroute/jsroute/webapi/node/util"
	_ "github.com/jsroute/jsroute/webapi/node/workerthreads"
	_ "github.com/jsroute/jsroute/webapi/node/zlib" // node:zlib
	_ "github.com/jsroute/jsroute/webapi/wasm"      // the WebAssembly global (not a node: module; registered the same lazy way)
)
