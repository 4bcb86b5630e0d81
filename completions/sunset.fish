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

set -l cmds scan runtimes version help
set -l formats text json csv markdown junit asff html sarif
set -l levels upcoming deprecated create_blocked update_blocked never

complete -c sunset -f
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a scan -d 'find Lambda functions on deprecated runtimes'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a runtimes -d 'print the runtime lifecycle catalog'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a version -d 'print the version and library versions'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -a help -d 'print the help of a command'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -s V -l version -d 'print the version'
complete -c sunset -n "not __fish_seen_subcommand_from $cmds" -s h -l help -d 'print the help'
complete -c sunset -n "__fish_seen_subcommand_from help" -a "$cmds"

# shared by scan and runtimes
for c in scan runtimes
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

set -l s "__fish_seen_subcommand_from scan"
complete -c sunset -n $s -F
complete -c sunset -n $s -s f -l format -x -a "$formats" -d 'report format'
complete -c sunset -n $s -s o -l output -x -a "(__sunset_output)" -d 'write a report to FILE or FORMAT=FILE'
complete -c sunset -n $s -l fail-on -x -a "$levels" -d 'exit 1 on findings at or above LEVEL'
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
