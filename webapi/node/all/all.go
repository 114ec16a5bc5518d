// Package all links in every Node.js built-in module jsroute provides: import it for its side
// effect (each module registers itself with package node from its init function).
package all

import (
	_ "github.com/jsroute/jsroute/webapi/node/asynchooks" // node:async_hooks
	_ "github.com/jsroute/jsroute/webapi/node/buffer"     // node:buffer, the Buffer global
	_ "github.com/jsroute/jsroute/webapi/node/events"
	_ "github.com/jsroute/jsroute/webapi/node/fs"            // node:fs, node:fs/promises
	_ "github.com/jsroute/jsroute/webapi/node/stream"        // node:stream, stream/promises, stream/web, stream/consumers
	_ "github.com/jsroute/jsroute/webapi/node/stringdecoder" // node:string_decoder
)
