# bash completion for sunset                                   -*- shell-script -*-
# Installed as share/bash-completion/completions/sunset. The options of each command are
# read from `sunset COMMAND --help`, so they stay true to the binary.

_sunset_formats="text json csv markdown junit asff html sarif"
_sunset_levels="upcoming deprecated create_blocked update_blocked never"
_sunset_regions="us-east-1 us-east-2 us-west-1 us-west-2 ca-central-1 eu-central-1 eu-west-1 eu-west-2
eu-west-3 eu-north-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1 ap-southeast-1
ap-southeast-2 sa-east-1"

# the options `sunset CMD --help` lists (the option column of its lines and its usage line)
_sunset_options()
{
	"${1:-sunset}" "$2" --help 2>/dev/null | sed -n -e 's/^ \{1,\}\(-[^ ].*\)$/\1/p' -e '/^usage:/,/^$/p' |
		sed -e 's/^ *//' -e 's/   .*//' | grep -oE '(^|[^A-Za-z0-9-])--?[A-Za-z][A-Za-z-]*' | sed 's/^[^-]*//' | sort -u
}

# profile names from the AWS config and credentials files
_sunset_profiles()
{
	local cfg=${AWS_CONFIG_FILE:-$HOME/.aws/config} cred=${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}
	{
		[ -r "$cfg" ] && sed -n -e 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\][[:space:]]*$/\1/p' \
			-e 's/^[[:space:]]*\[\(default\)\][[:space:]]*$/\1/p' "$cfg"
		[ -r "$cred" ] && sed -n 's/^[[:space:]]*\[\([^]]*\)\][[:space:]]*$/\1/p' "$cred"
	} 2>/dev/null | sed 's/[[:space:]]*$//' | sort -u
}

_sunset()
{
	local cur prev cmd i bin=${COMP_WORDS[0]}
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "scan runtimes history upgrade version help --version -V --help -h" -- "$cur"))
		return
	fi
	case $cmd in
	help)
		[ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "scan runtimes history upgrade version help" -- "$cur"))
		return ;;
	version) return ;;
	esac
	case $prev in
	--db | --baseline)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-f | --format)
		if [ "$cmd" = runtimes ] || [ "$cmd" = upgrade ]; then
			COMPREPLY=($(compgen -W "text json" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$_sunset_formats" -- "$cur"))
		fi
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "$_sunset_levels" -- "$cur"))
		return ;;
	--profile)
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$(_sunset_profiles)" -- "$cur"))
		return ;;
	--region)
		local head=""
		[[ $cur == *,* ]] && head=${cur%,*},
		COMPREPLY=($(compgen -P "$head" -W "$_sunset_regions" -- "${cur##*,}"))
		return ;;
	-o | --output)
		if [[ $cur == *=* ]]; then
			local fmt=${cur%%=*}
			COMPREPLY=($(compgen -P "$fmt=" -f -- "${cur#*=}"))
		else
			[ "$cmd" = scan ] && COMPREPLY=($(compgen -S = -W "$_sunset_formats" -- "$cur"))
			COMPREPLY+=($(compgen -f -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi
		return ;;
	--inventory | --var-file | --ignore-file | --runtimes | --test-event | --journal | --rollback | --resume | --from-report)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--as-of | --warn-days | --exclude | --max-file-size | --endpoint-url | --concurrency | --rate | \
		--accounts | --role-name | --external-id | --alias | --to | --steps | --bake | --max-error-rate | \
		--min-invocations | --invoke-timeout | --concurrency-timeout | --parallel)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_sunset_options "$bin" "$cmd")" -- "$cur"))
	elif [ "$cmd" = scan ]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _sunset sunset
