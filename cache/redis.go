package cache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a store shared by every jsroute instance pointed at one Redis server (`--cache-url
// redis://...` or JSROUTE_CACHE_URL): an entry cached through one instance is a hit on all, and an
// invalidation made on one reaches the others by pub/sub within a round trip. Next needs a
// third-party cache handler for this; here it is built in.
//
// Keys are `<prefix>entry:<key>`, the tag times a hash `<prefix>tags` and the invalidation channel
// `<prefix>invalidate`; the prefix holds a hash of the app's build, so two versions of an app
// never read each other's entries. Each instance keeps the tag times in memory (reads cost no round
// trip) and loads them all again whenever its subscription (re)connects, so an invalidation missed
// while Redis was unreachable is caught up.
//
// While Redis is down every read is a miss and every write is dropped: requests are served uncached,
// it is logged once, and caching resumes when Redis answers again.
type Redis struct {
	c      *redis.Client
	prefix string
	log    *slog.Logger
	tags   tagTimes
	down   atomic.Bool
	cancel context.CancelFunc
	synced chan struct{} // closed after the first load of the tag times
}

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
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = redisTimeout, redisTimeout, redisTimeout
	opts.MaxRetries = 0
	ctx, cancel := context.WithCancel(context.Background())
	r := &Redis{c: redis.NewClient(opts), prefix: "jsroute:" + shortHash(build) + ":", log: log, cancel: cancel,
		synced: make(chan struct{})}
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

// Get reads the entry under key.
func (r *Redis) Get(ctx context.Context, key string) (*Entry, bool) {
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
	return e, true
}

// Set stores the entry under key.
func (r *Redis) Set(ctx context.Context, key string, e *Entry) {
	b, err := encodeEntry(e)
	if err != nil {
		return
	}
	ctx, cancel := r.op(ctx)
	defer cancel()
	if err := r.c.Set(ctx, r.prefix+"entry:"+key, b, 0).Err(); err != nil {
		r.fail("set", err)
		return
	}
	r.ok()
}

// Delete removes the entry under key.
func (r *Redis) Delete(ctx context.Context, key string) {
	ctx, cancel := r.op(ctx)
	defer cancel()
	if err := r.c.Del(ctx, r.prefix+"entry:"+key).Err(); err != nil {
		r.fail("delete", err)
	}
}

// Invalidate records the tags' invalidation time here at once, in Redis's hash, and tells the other
// instances on the channel.
func (r *Redis) Invalidate(ctx context.Context, tags []string) {
	if len(tags) == 0 {
		return
	}
	now := time.Now()
	r.tags.set(tags, now)
	ms := strconv.FormatInt(now.UnixMilli(), 10)
	fields := make([]any, 0, 2*len(tags))
	for _, t := range tags {
		fields = append(fields, t, ms)
	}
	msg, _ := json.Marshal(invalidation{Tags: tags, At: now.UnixMilli()})
	ctx, cancel := r.op(ctx)
	defer cancel()
	_, err := r.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, r.prefix+"tags", fields...)
		p.Publish(ctx, r.prefix+"invalidate", msg)
		return nil
	})
	if err != nil {
		r.fail("invalidate", err)
		return
	}
	r.ok()
}

// InvalidatedAt is the latest invalidation time of tags, from this instance's copy.
func (r *Redis) InvalidatedAt(_ context.Context, tags []string) time.Time { return r.tags.latest(tags) }

type invalidation struct {
	Tags []string `json:"tags"`
	At   int64    `json:"at"`
}

// subscribe follows the invalidation channel until ctx ends; each (re)subscription loads every tag
// time again.
func (r *Redis) subscribe(ctx context.Context) {
	ps := r.c.Subscribe(ctx, r.prefix+"invalidate")
	defer ps.Close()
	first := true
	for {
		msg, err := ps.Receive(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
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
			if m.Kind == "subscribe" {
				r.resync(ctx)
				if first {
					first = false
					close(r.synced)
				}
			}
		case *redis.Message:
			var inv invalidation
			if json.Unmarshal([]byte(m.Payload), &inv) == nil {
				r.tags.set(inv.Tags, time.UnixMilli(inv.At))
			}
		}
	}
}

// resync loads every tag time from Redis.
func (r *Redis) resync(ctx context.Context) {
	ctx, cancel := r.op(ctx)
	defer cancel()
	all, err := r.c.HGetAll(ctx, r.prefix+"tags").Result()
	if err != nil {
		r.fail("resync", err)
		return
	}
	r.ok()
	for tag, ms := range all {
		if n, err := strconv.ParseInt(ms, 10, 64); err == nil {
			r.tags.set([]string{tag}, time.UnixMilli(n))
		}
	}
}
