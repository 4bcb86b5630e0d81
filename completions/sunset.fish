# fish completion for sunset; installed as share/fish/vendor_completions.d/sunset.fish.

function __sunset_profiles
    set -l cfg $AWS_CONFIG_FILE
    test -n "$cfg"; or set cfg ~/.aws/config
    set -l cred $AWS_SHARED_CREDENTIALS_FILE
    test -n "$cred"; or set cred ~/.aws/credentials
    test -r $cfg; and sed -n -e 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' -e 's/^[[:space:]]*\[\(default\)\].*/\1/p' $cfg
    test -r $cred; and sed -n 's/^[[:space:]]*\[\([^]]*\)\].*/\1/p' $cred
end

function __sunset_output
    set -l tok (commandline -ct)
    if string match -q '*=*' -- $tok
        set -l fmt (string split -m1 = -- $tok)[1]
        for f in (__fish_complete_path (string split -m1 = -- $tok)[2])
            echo "$fmt=$f"
        end
    else
        printf '%s=\n' text json csv markdown junit asff html sarif
        __fish_complete_path $tok
    end
end

set -l cmds scan runtimes history upgrade version help
set -l formats text json csv markdown junit asff html sarif
set -l levels upcoming deprecated create_blocked update_blocked never

complete -c sunset -f
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a scan -d 'find Lambda functions on deprecated runtimes'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a runtimes -d 'print the runtime lifecycle catalog'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a history -d 'list the scans of a history database'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a upgrade -d 'move a function to a newer runtime, with rollback'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a version -d 'print the version and library versions'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a help -d 'print the help of a command'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -s V -l version -d 'print the version'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -s h -l help -d 'print the help'
complete -c sunset -n "__fish_seen_subcommand_from help" -a "$cmds"

# shared by scan, runtimes and upgrade
for c in scan runtimes upgrade
    set -l w "__fish_seen_subcommand_from $c"
    complete -c sunset -n $w -l as-of -x -d 'classify as of this date (YYYY-MM-DD)'
    complete -c sunset -n $w -l warn-days -x -d 'upcoming when a date is at most N days away'
    complete -c sunset -n $w -l runtimes -r -F -d 'use this runtime catalog'
    complete -c sunset -n $w -s q -l quiet -d 'no warnings'
    complete -c sunset -n $w -l no-color -d 'no colour'
    complete -c sunset -n $w -l debug -d 'print each request and decision'
end
complete -c sunset -n "__fish_seen_subcommand_from runtimes" -s f -l format -x -a "text json" -d 'output format'
complete -c sunset -n "__fish_seen_subcommand_from runtimes" -s o -l output -r -F -d 'write to FILE'
complete -c sunset -n "__fish_seen_subcommand_from runtimes" -l update -d 'update the catalog cache from the AWS Lambda runtimes page'
complete -c sunset -n "__fish_seen_subcommand_from runtimes" -l from -r -F -d 'read the page from URL or FILE'
complete -c sunset -n "__fish_seen_subcommand_from runtimes" -l dry-run -d 'with --update: only print the changes'

set -l u "__fish_seen_subcommand_from upgrade"
complete -c sunset -n $u -s f -l format -x -a "text json" -d 'plan format'
complete -c sunset -n $u -s o -l output -r -F -d 'write the plan to FILE'
complete -c sunset -n $u -l alias -x -d 'the alias production calls'
complete -c sunset -n $u -l to -x -d 'the target runtime'
complete -c sunset -n $u -l region -x -d "the function's region"
complete -c sunset -n $u -l profile -x -a "(__sunset_profiles)" -d 'AWS profile'
complete -c sunset -n $u -l endpoint-url -x -d 'Lambda endpoint (testing)'
complete -c sunset -n $u -l test-event -r -F -d 'the event of the test invoke'
complete -c sunset -n $u -l steps -x -d 'traffic percentages, ending at 100'
complete -c sunset -n $u -l bake -x -d 'how long to watch each step'
complete -c sunset -n $u -l max-error-rate -x -d 'roll back above this error rate'
complete -c sunset -n $u -l min-invocations -x -d 'invocations needed to judge a step'
complete -c sunset -n $u -l invoke-timeout -x -d 'seconds the test invoke may take'
complete -c sunset -n $u -l journal -r -F -d 'where the journal goes'
complete -c sunset -n $u -l apply -d 'carry the plan out'
complete -c sunset -n $u -l force -d 'upgrade a function a template manages'
complete -c sunset -n $u -l allow-latest -d 'upgrade although callers use $LATEST'
complete -c sunset -n $u -l rollback -r -F -d 'put back what an upgrade changed'
complete -c sunset -n $u -l resume -r -F -d 'continue an interrupted upgrade'
complete -c sunset -n $u -l from-report -r -F -d 'plan every flagged function of a JSON report'
complete -c sunset -n $u -l keep-going -d 'with --from-report --apply: go on after a rollback'
complete -c sunset -n $u -l parallel -x -d 'with --from-report --apply: functions at once, one per region'
complete -c sunset -n $u -l concurrency-timeout -x -d 'how long provisioned concurrency may take to be READY'

set -l s "__fish_seen_subcommand_from scan"
complete -c sunset -n $s -F
complete -c sunset -n $s -s f -l format -x -a "$formats" -d 'report format'
complete -c sunset -n $s -s o -l output -x -a "(__sunset_output)" -d 'write a report to FILE or FORMAT=FILE'
complete -c sunset -n $s -l fail-on -x -a "$levels" -d 'exit 1 on findings at or above LEVEL'
complete -c sunset -n $s -l baseline -r -F -d 'mark findings new or known against an earlier JSON report'
complete -c sunset -n $s -l fail-on-new -d 'the exit code counts only new findings'
complete -c sunset -n $s -l max-parse-memory -x -d 'the parsers hold at most N bytes at once'
complete -c sunset -n $s -l db -r -F -d 'record the scan in a history database'
set -l h "__fish_seen_subcommand_from history"
complete -c sunset -n $h -l db -r -F -d 'the history database'
complete -c sunset -n $h -l scope -x -d 'only the scans of this scope'
complete -c sunset -n $h -l show -x -d 'print one scan as it was'
complete -c sunset -n $h -s f -l format -x -a "$formats" -d 'output format'
complete -c sunset -n $h -s o -l output -r -F -d 'write to FILE'
complete -c sunset -n $h -l runtimes -r -F -d 'the catalog for --show'
complete -c sunset -n $h -s q -l quiet -d 'no warnings'
complete -c sunset -n $h -l no-color -d 'no colour'
complete -c sunset -n $h -l debug -d 'print each request and decision'
complete -c sunset -n $h -s h -l help -d 'print the help'
complete -c sunset -n $s -l profile -x -a "(__sunset_profiles)" -d 'AWS profile'
complete -c sunset -n $s -l exclude -x -d 'skip matching files and folders'
complete -c sunset -n $s -l var-file -r -F -d 'Terraform variables file'
complete -c sunset -n $s -l max-file-size -x -d 'refuse files over N bytes'
complete -c sunset -n $s -l fix -d 'rewrite flagged runtime values in place'
complete -c sunset -n $s -l dry-run -d 'with --fix: print a unified diff instead'
complete -c sunset -n $s -l inventory -r -F -d 'list-functions output'
complete -c sunset -n $s -l aws -d 'scan AWS live'
complete -c sunset -n $s -l region -x -d 'regions to scan'
complete -c sunset -n $s -l endpoint-url -x -d 'Lambda endpoint'
complete -c sunset -n $s -l allow-http -d 'allow plain http:// to a host that is not loopback'
complete -c sunset -n $s -l concurrency -x -d 'requests in flight'
complete -c sunset -n $s -l rate -x -d 'requests per second per region'
complete -c sunset -n $s -l latest-only -d 'only $LATEST'
complete -c sunset -n $s -l org -d 'every account of the organization'
complete -c sunset -n $s -l accounts -x -d 'these accounts: ID,ID or @FILE'
complete -c sunset -n $s -l role-name -x -d 'role assumed in each account'
complete -c sunset -n $s -l external-id -x -d 'external id for AssumeRole'
complete -c sunset -n $s -l security-hub -d 'send the findings to AWS Security Hub'
complete -c sunset -n $s -l owner-tag -r -d 'tag naming the owner (repeatable)'
complete -c sunset -n $s -l no-tags -d 'no ListTags calls'
complete -c sunset -n $s -l no-usage -d 'no CloudWatch GetMetricData calls'
complete -c sunset -n $s -l show-all -d 'also list supported resources'
complete -c sunset -n $s -l ignore-file -r -F -d 'suppressions file'
