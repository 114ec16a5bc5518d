package cache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a store shared by every jsroute instance pointed at one Redis server (`--cache-url
// redis://...` or JSROUTE_CACHE_URL): an entry cached through one instance is a hit on all, and an
// invalidation made on one reaches the others by pub/sub within a round trip. Next needs a
// third-party cache handler for this; here it is built in.
//
// Keys are `<prefix>entry:<key>`, the tag states a hash `<prefix>tagstates` (JSON per tag) and the invalidation channel
// `<prefix>invalidate`; the prefix holds a hash of the app's build, so two versions of an app
// never read each other's entries. Each instance keeps the tag times in memory (reads cost no round
// trip) and loads them all again whenever its subscription (re)connects, so an invalidation missed
// while Redis was unreachable is caught up.
//
// While Redis is down every read is a miss and every write is dropped: requests are served uncached,
// it is logged once, and caching resumes when Redis answers again.
//
// Each instance keeps the entries it read or wrote in a near copy (a Memory LRU), so a hit costs
// no round trip: every Set and Delete is announced on the channel `<prefix>entries` and the other
// instances drop their copy of that key. The near copies are used only while the subscription is
// up, and dropped whenever it (re)connects, so a missed announcement never leaves one behind.
type Redis struct {
	c      *redis.Client
	prefix string
	log    *slog.Logger
	tags   tagTimes
	down   atomic.Bool
	cancel context.CancelFunc
	synced chan struct{} // closed after the first load of the tag times
	id     string        // this instance, in its announcements
	near   *Memory
	live   atomic.Bool   // subscribed: the near copies follow the announcements
	epoch  atomic.Uint64 // counts announcements received (and resubscriptions)
	noNear bool          // tests and benchmarks: every read is a round trip
}

// nearBytes bounds the near copies of one Redis store.
const nearBytes = 50 << 20

// quietRedis drops go-redis's own log lines (one per failed dial while the server is down): the
// store reports the outage itself, once.
type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

var quietOnce sync.Once

// redisTimeout bounds one cache operation: a slow Redis must not hold requests back for long.
const redisTimeout = 500 * time.Millisecond

// NewRedis connects to the server at url (redis:// or rediss://, as go-redis parses it) for the app
// whose build is identified by build (any string; it is hashed into the key prefix). It does not
// fail when the server is unreachable: the store then works as described above.
func NewRedis(url, build string, log *slog.Logger) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("jsroute: cache URL: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	quietOnce.Do(func() { redis.SetLogger(quietRedis{}) })
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = redisTimeout, redisTimeout, redisTimeout
	opts.MaxRetries = 0
	ctx, cancel := context.WithCancel(context.Background())
	var id [8]byte
	rand.Read(id[:])
	r := &Redis{c: redis.NewClient(opts), prefix: "jsroute:" + shortHash(build) + ":", log: log, cancel: cancel,
		synced: make(chan struct{}), id: hex.EncodeToString(id[:]), near: NewMemory(nearBytes)}
	go r.subscribe(ctx)
	return r, nil
}

// Close stops the subscription and closes the connections.
func (r *Redis) Close() error {
	r.cancel()
	return r.c.Close()
}

// fail notes an error; the first one after a good spell is logged.
func (r *Redis) fail(op string, err error) {
	if errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) {
		return
	}
	if !r.down.Swap(true) {
		r.log.Error("jsroute: cache: Redis is unreachable; serving uncached until it answers again", "op", op, "error", err)
	}
}

func (r *Redis) ok() {
	if r.down.Swap(false) {
		r.log.Info("jsroute: cache: Redis answers again; caching resumed")
	}
}

func (r *Redis) op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), redisTimeout)
}

// Get reads the entry under key: the near copy when there is one, else from Redis.
func (r *Redis) Get(ctx context.Context, key string) (*Entry, bool) {
	live := r.live.Load() && !r.down.Load() && !r.noNear
	if live {
		if e, ok := r.near.Get(ctx, key); ok {
			return e, true
		}
	}
	epoch := r.epoch.Load()
	ctx, cancel := r.op(ctx)
	defer cancel()
	b, err := r.c.Get(ctx, r.prefix+"entry:"+key).Bytes()
	if err != nil {
		r.fail("get", err)
		return nil, false
	}
	r.ok()
	e, err := decodeEntry(b)
	if err != nil {
		r.log.Error("jsroute: cache: ignoring a corrupt Redis entry", "key", key, "error", err)
		return nil, false
	}
	// Kept near only if no announcement arrived meanwhile: it might be about this key, and the
	// value read could be the one it replaced.
	if live && r.epoch.Load() == epoch {
		r.near.Set(ctx, key, e)
	}
	return e, true
}

// announce tells the other instances that key changed; they drop their near copy.
func (r *Redis) announce(ctx context.Context, p redis.Pipeliner, key string) {
	p.Publish(ctx, r.prefix+"entries", r.id+" "+key)
}

// Set stores the entry under key.
func (r *Redis) Set(ctx context.Context, key string, e *Entry) {
	b, err := encodeEntry(e)
	if err != nil {
		return
	}
	r.near.Delete(ctx, key)
	ctx, cancel := r.op(ctx)
	defer cancel()
	if _, err := r.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, r.prefix+"entry:"+key, b, 0)
		r.announce(ctx, p, key)
		return nil
	}); err != nil {
		r.fail("set", err)
		return
	}
	r.ok()
	r.epoch.Add(1) // a Get that read the old value meanwhile must not keep it
	if r.live.Load() {
		r.near.Set(ctx, key, e)
	}
}

// Delete removes the entry under key.
func (r *Redis) Delete(ctx context.Context, key string) {
	r.epoch.Add(1)
	r.near.Delete(ctx, key)
	ctx, cancel := r.op(ctx)
	defer cancel()
	if _, err := r.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, r.prefix+"entry:"+key)
		r.announce(ctx, p, key)
		return nil
	}); err != nil {
		r.fail("delete", err)
	}
}

// Invalidate records the invalidation of tags here at once, merges it into Redis's hash (a script,
// so concurrent invalidations from several instances merge as they would in one) and tells the
// other instances on the channel.
func (r *Redis) Invalidate(ctx context.Context, tags []string, expire time.Duration) {
	if len(tags) == 0 {
		return
	}
	st := invalidation(time.Now(), expire)
	r.tags.set(tags, st)
	w, _ := json.Marshal(wireOf(st))
	msg, _ := json.Marshal(invalidationMsg{Tags: tags, State: wireOf(st)})
	args := make([]any, 0, 2+len(tags))
	args = append(args, string(w), string(msg))
	for _, t := range tags {
		args = append(args, t)
	}
	ctx, cancel := r.op(ctx)
	defer cancel()
	if err := mergeTags.Run(ctx, r.c, []string{r.prefix + "tagstates", r.prefix + "invalidate"}, args...).Err(); err != nil && !errors.Is(err, redis.Nil) {
		r.fail("invalidate", err)
		return
	}
	r.ok()
}

// mergeTags merges one invalidation (ARGV[1], a wireTag) into the hash KEYS[1] for each tag
// (ARGV[3]...) as TagState.merge does, then publishes ARGV[2] on the channel KEYS[2].
var mergeTags = redis.NewScript(`
local inv = cjson.decode(ARGV[1])
for i = 3, #ARGV do
  local st = inv
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if cur then
    local c = cjson.decode(cur)
    st = {s = c.s, e = c.e, a = c.a}
    if inv.s > st.s then st.s = inv.s end
    if inv.a >= st.a then st.e = inv.e; st.a = inv.a end
  end
  redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(st))
end
redis.call('PUBLISH', KEYS[2], ARGV[2])
return 1
`)

// TagStates are the invalidation states of tags, from this instance's copy.
func (r *Redis) TagStates(_ context.Context, tags []string) []TagState { return r.tags.states(tags) }

type invalidationMsg struct {
	Tags  []string `json:"tags"`
	State wireTag  `json:"state"`
}

// subscribe follows the invalidation channel until ctx ends; each (re)subscription loads every tag
// time again.
func (r *Redis) subscribe(ctx context.Context) {
	ps := r.c.Subscribe(ctx, r.prefix+"invalidate", r.prefix+"entries")
	defer ps.Close()
	first := true
	for {
		msg, err := ps.Receive(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			r.live.Store(false)
			r.near.clear()
			r.fail("subscribe", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" && m.Channel == r.prefix+"entries" {
				// Announcements missed while unsubscribed: start the near copies afresh.
				r.epoch.Add(1)
				r.near.clear()
				r.live.Store(true)
			}
			if m.Kind == "subscribe" && m.Channel == r.prefix+"invalidate" {
				r.resync(ctx)
				if first {
					first = false
					close(r.synced)
				}
			}
		case *redis.Message:
			if m.Channel == r.prefix+"entries" {
				if id, key, ok := strings.Cut(m.Payload, " "); ok && id != r.id {
					r.epoch.Add(1)
					r.near.Delete(ctx, key)
				}
				continue
			}
			var inv invalidationMsg
			if json.Unmarshal([]byte(m.Payload), &inv) == nil {
				r.tags.set(inv.Tags, inv.State.state())
			}
		}
	}
}

// resync loads every tag time from Redis.
func (r *Redis) resync(ctx context.Context) {
	ctx, cancel := r.op(ctx)
	defer cancel()
	all, err := r.c.HGetAll(ctx, r.prefix+"tagstates").Result()
	if err != nil {
		r.fail("resync", err)
		return
	}
	r.ok()
	for tag, v := range all {
		var w wireTag
		if json.Unmarshal([]byte(v), &w) == nil {
			r.tags.set([]string{tag}, w.state())
		}
	}
}
