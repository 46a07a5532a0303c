%% Erlang/OTP reference workloads for the Tern kernel benchmarks.
%%
%% Each workload prints one line per figure, `erlang <figure> <value> <unit>`,
%% so that run-erlang.sh output can be set beside the Java kernel's
%% `java <figure> <value> <unit>` lines. Run one workload per VM:
%%
%%   erl -noshell +P 2000000 -pa DIR -run tern_bench main WORKLOAD
%%
%% Workloads and what they measure:
%%
%%   spawn_rate   Spawns 1,000,000 processes that each block in `receive`.
%%                spawn_rate: spawns per second from the first spawn call to
%%                the return of the last one. memory_per_process: growth of
%%                erlang:memory(processes) divided by N. rss_per_process:
%%                growth of VmRSS in /proc/self/status divided by N.
%%   ring         ring_10k and ring_100k: hops per second while a token
%%                travels 10,000,000 hops in total around a ring of 10,000
%%                or 100,000 processes.
%%   send_1to1    Messages per second while one sender sends 10,000,000
%%                messages to one receiver, which reports when it has
%%                counted them all.
%%   send_1000to1000
%%                Total messages per second while 1,000 senders each send
%%                10,000 messages to their own receiver, until every
%%                receiver has counted its messages.
%%   call         gen_server:call round trip to an idle gen_server from one
%%                caller: 10,000 warm-up calls, then 100,000 calls each timed
%%                with erlang:monotonic_time(nanosecond). call_p50 and
%%                call_p99 in microseconds (nearest-rank percentiles).
%%   restarts     A one_for_one supervisor (intensity 1,000,000 per 1 s)
%%                restarts one permanent gen_server that stops with an error
%%                right after init. init/1 counts starts in an ETS counter.
%%                restarts_per_second over a 5 s window after a 1 s warm-up.
%%                NOTE: the OTP 25 supervisor stores one timestamp per
%%                restart in the last period and copies that list on every
%%                restart (supervisor:add_restart/3), so the rate falls as
%%                the list grows. On a 2-core Xeon VM it measured about
%%                36,000/s in the first 0.1 s and about 7,000/s at steady
%%                state. The figure includes that bookkeeping.
%%
%% Every workload runs in its own process, and main/1 halts the VM with
%% status 1 if it fails or runs longer than 60 s.
-module(tern_bench).
-behaviour(gen_server).

-export([main/1, waiter/0, start_crasher/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(TIME_LIMIT_MS, 60000).
-define(RESTART_COUNTER, tern_bench_restarts).

%% Runs the workload named by the single argument and halts the VM.
main([Name]) ->
    %% Crash and supervisor reports would dominate the restart workload and
    %% flood the output, so all logging is off.
    logger:set_primary_config(level, none),

    Workload = workload(Name),
    {Pid, Ref} = spawn_monitor(Workload),
    receive
        {'DOWN', Ref, process, Pid, normal} ->
            halt(0);
        {'DOWN', Ref, process, Pid, Reason} ->
            fail("workload ~s failed: ~p", [Name, Reason])
    after ?TIME_LIMIT_MS ->
        fail("workload ~s timed out after ~b ms", [Name, ?TIME_LIMIT_MS])
    end;
main(Args) ->
    fail("expected one workload name, got ~p", [Args]).

workload("spawn_rate") -> fun() -> spawn_rate(1000000) end;
workload("ring") -> fun() -> ring("ring_10k", 10000), ring("ring_100k", 100000) end;
workload("send_1to1") -> fun() -> send_pairs("send_1to1", 1, 10000000) end;
workload("send_1000to1000") -> fun() -> send_pairs("send_1000to1000", 1000, 10000) end;
workload("call") -> fun call_latency/0;
workload("restarts") -> fun restarts/0;
workload(Name) ->
    fail("unknown workload ~s. Expected spawn_rate, ring, send_1to1, "
         "send_1000to1000, call or restarts", [Name]).

fail(Format, Args) ->
    io:format(standard_error, "tern_bench: " ++ Format ++ "~n", Args),
    halt(1).

%% spawn_rate ---------------------------------------------------------------

spawn_rate(N) ->
    erlang:garbage_collect(),
    MemoryBefore = erlang:memory(processes),
    RssBefore = rss_bytes(),

    %% The pids are not kept, so the spawning process does not grow with N
    %% and memory_per_process counts only the waiters.
    Start = now_ns(),
    spawn_waiters(N),
    Elapsed = now_ns() - Start,

    MemoryAfter = erlang:memory(processes),
    RssAfter = rss_bytes(),
    report("spawn_rate", rate(N, Elapsed), "spawns/s"),
    report("memory_per_process", round((MemoryAfter - MemoryBefore) / N), "bytes"),
    report("rss_per_process", round((RssAfter - RssBefore) / N), "bytes"),

    stop_waiters(N).

spawn_waiters(0) -> ok;
spawn_waiters(K) ->
    spawn(?MODULE, waiter, []),
    spawn_waiters(K - 1).

waiter() ->
    receive stop -> ok end.

%% Finds the waiters by their initial call, tells each to stop and waits until
%% all N have exited.
stop_waiters(N) ->
    Waiters = [P || P <- erlang:processes(),
                    process_info(P, initial_call) =:= {initial_call, {?MODULE, waiter, 0}}],
    N = length(Waiters),
    [begin erlang:monitor(process, P), P ! stop end || P <- Waiters],
    await_down(N).

await_down(0) -> ok;
await_down(K) ->
    receive {'DOWN', _, process, _, _} -> await_down(K - 1) end.

%% VmRSS of this OS process, in bytes.
rss_bytes() ->
    {ok, Status} = file:read_file("/proc/self/status"),
    {match, [Kilobytes]} = re:run(Status, "VmRSS:\\s+(\\d+) kB", [{capture, all_but_first, list}]),
    list_to_integer(Kilobytes) * 1024.

%% ring ---------------------------------------------------------------------

-define(RING_HOPS, 10000000).

ring(Figure, Size) ->
    Parent = self(),
    Nodes = [spawn(fun() -> ring_node_start(Parent) end) || _ <- lists:seq(1, Size)],
    [First | Rest] = Nodes,
    [Node ! {next, Next} || {Node, Next} <- lists:zip(Nodes, Rest ++ [First])],

    %% The token carries the number of hops left including the one that
    %% delivers it, so exactly RING_HOPS messages are sent.
    Start = now_ns(),
    First ! {token, ?RING_HOPS},
    receive ring_done -> ok end,
    Elapsed = now_ns() - Start,
    report(Figure, rate(?RING_HOPS, Elapsed), "hops/s"),

    [exit(Node, kill) || Node <- Nodes],
    ok.

ring_node_start(Parent) ->
    receive {next, Next} -> ring_node(Next, Parent) end.

ring_node(Next, Parent) ->
    receive
        {token, 1} ->
            Parent ! ring_done,
            ring_node(Next, Parent);
        {token, Hops} ->
            Next ! {token, Hops - 1},
            ring_node(Next, Parent)
    end.

%% send_1to1 and send_1000to1000 ------------------------------------------

%% Starts Pairs sender/receiver pairs; each sender sends PerSender messages to
%% its own receiver. Timing starts when the senders are told to go and ends
%% when the last receiver has counted all its messages.
send_pairs(Figure, Pairs, PerSender) ->
    Parent = self(),
    Senders = [begin
                   Receiver = spawn(fun() -> count_messages(PerSender, Parent) end),
                   spawn(fun() -> receive go -> send_messages(Receiver, PerSender) end end)
               end || _ <- lists:seq(1, Pairs)],

    Start = now_ns(),
    [Sender ! go || Sender <- Senders],
    [receive counted -> ok end || _ <- Senders],
    Elapsed = now_ns() - Start,
    report(Figure, rate(Pairs * PerSender, Elapsed), "msgs/s").

send_messages(_Receiver, 0) -> ok;
send_messages(Receiver, K) ->
    Receiver ! msg,
    send_messages(Receiver, K - 1).

count_messages(0, Parent) -> Parent ! counted;
count_messages(K, Parent) ->
    receive msg -> count_messages(K - 1, Parent) end.

%% call ---------------------------------------------------------------------

call_latency() ->
    {ok, Server} = gen_server:start_link(?MODULE, server, []),
    time_calls(Server, 10000, []),
    Samples = list_to_tuple(lists:sort(time_calls(Server, 100000, []))),
    report("call_p50", percentile_us(Samples, 50), "us"),
    report("call_p99", percentile_us(Samples, 99), "us"),
    gen_server:stop(Server).

%% Returns the round-trip time of each call in nanoseconds.
time_calls(_Server, 0, Samples) -> Samples;
time_calls(Server, K, Samples) ->
    Start = erlang:monotonic_time(nanosecond),
    pong = gen_server:call(Server, ping),
    Elapsed = erlang:monotonic_time(nanosecond) - Start,
    time_calls(Server, K - 1, [Elapsed | Samples]).

%% Nearest-rank percentile of sorted nanosecond samples, in microseconds.
percentile_us(Sorted, Percent) ->
    Rank = max(1, ceil(Percent * tuple_size(Sorted) / 100)),
    element(Rank, Sorted) / 1000.

%% restarts -----------------------------------------------------------------

restarts() ->
    ets:new(?RESTART_COUNTER, [named_table, public, {write_concurrency, true}]),
    ets:insert(?RESTART_COUNTER, {starts, 0}),
    {ok, Supervisor} = supervisor:start_link(?MODULE, supervisor),

    timer:sleep(1000),
    Start = now_ns(),
    StartsBefore = ets:lookup_element(?RESTART_COUNTER, starts, 2),
    timer:sleep(5000),
    StartsAfter = ets:lookup_element(?RESTART_COUNTER, starts, 2),
    Elapsed = now_ns() - Start,
    report("restarts_per_second", rate(StartsAfter - StartsBefore, Elapsed), "restarts/s"),

    unlink(Supervisor),
    gen_server:stop(Supervisor).

start_crasher() ->
    gen_server:start_link(?MODULE, crasher, []).

%% gen_server and supervisor callbacks ---------------------------------------

%% init/1 serves three roles: the idle server of the call workload, the
%% supervisor of the restart workload and the worker that it restarts.
init(server) ->
    {ok, server};
init(supervisor) ->
    Flags = #{strategy => one_for_one, intensity => 1000000, period => 1},
    Crasher = #{id => crasher,
                start => {?MODULE, start_crasher, []},
                restart => permanent,
                shutdown => brutal_kill},
    {ok, {Flags, [Crasher]}};
init(crasher) ->
    ets:update_counter(?RESTART_COUNTER, starts, 1),
    %% Timeout 0 delivers `timeout` as soon as init has returned.
    {ok, crasher, 0}.

handle_call(ping, _From, State) ->
    {reply, pong, State}.

handle_cast(_Request, State) ->
    {noreply, State}.

handle_info(timeout, crasher) ->
    {stop, crashed_on_purpose, crasher}.

%% Helpers ------------------------------------------------------------------

now_ns() ->
    erlang:monotonic_time(nanosecond).

%% Events per second, rounded to an integer.
rate(Count, ElapsedNs) ->
    round(Count * 1.0e9 / ElapsedNs).

report(Figure, Value, Unit) when is_integer(Value) ->
    io:format("erlang ~s ~b ~s~n", [Figure, Value, Unit]);
report(Figure, Value, Unit) when is_float(Value) ->
    io:format("erlang ~s ~.2f ~s~n", [Figure, Value, Unit]).
