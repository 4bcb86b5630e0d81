#include "report/html_text.h"

const char html_cwe[] =
	"<p><strong>CWE-1357, Reliance on Insufficiently Trustworthy Component.</strong> A deprecated Lambda "
	"runtime no longer receives security patches from AWS: the function keeps running on an operating system "
	"and language runtime with known, unfixed vulnerabilities.</p>"
	"<p>After deprecation AWS blocks creating, then updating, functions on the runtime; a function that "
	"cannot be updated cannot be fixed in place during an incident.</p>";

const struct family_advice html_family_advice[] = {
	{"python", "Python",
	 "<ul><li>Set <code>Runtime</code> to the recommended <code>python3.x</code> and rebuild the deployment "
	 "package: compiled wheels (numpy, cryptography, psycopg) must match the new Python version and Amazon "
	 "Linux 2023 (glibc 2.34).</li>"
	 "<li>Python 3.12 removed <code>distutils</code> (use <code>setuptools</code> or <code>sysconfig</code>), "
	 "<code>imp</code> and <code>asynchat</code>/<code>asyncore</code>; <code>asyncio.get_event_loop()</code> "
	 "warns without a running loop: use <code>asyncio.run()</code>.</li>"
	 "<li>Runtimes from python3.12 on do not bundle the old <code>boto3</code> you may rely on implicitly: pin "
	 "<code>boto3</code>/<code>botocore</code> in the package.</li></ul>"},
	{"nodejs", "Node.js",
	 "<ul><li>From <code>nodejs18.x</code> the runtime bundles the AWS SDK for JavaScript <strong>v3</strong> "
	 "only: code that does <code>require('aws-sdk')</code> (v2) fails. Move to the modular "
	 "<code>@aws-sdk/client-*</code> packages, or bundle v2 yourself as a stopgap.</li>"
	 "<li>ES modules: a <code>.mjs</code> handler or <code>\"type\": \"module\"</code> in package.json is "
	 "loaded as ESM; keep CommonJS handlers as <code>.js</code>/<code>.cjs</code> and do not mix "
	 "<code>require</code> into ESM files.</li>"
	 "<li>Callback-style handlers are deprecated in newer runtimes: return a promise (async handler).</li>"
	 "<li>Rebuild native modules (<code>sharp</code>, <code>bcrypt</code>) for the new Node.js ABI and "
	 "Amazon Linux 2023.</li></ul>"},
	{"java", "Java",
	 "<ul><li>Move <code>java8</code>/<code>java8.al2</code>/<code>java11</code>/<code>java17</code> to "
	 "<code>java21</code> or <code>java25</code> (Amazon Linux 2023): compile with <code>--release 21</code> "
	 "(or 25) and update <code>aws-lambda-java-core</code>/<code>-events</code>.</li>"
	 "<li>Java 9+ removed <code>javax.xml.bind</code> (JAXB) and other Java EE modules from the JDK: add them "
	 "as dependencies. Strong encapsulation blocks reflective access to JDK internals.</li>"
	 "<li>Check <code>JAVA_TOOL_OPTIONS</code> and SnapStart settings after the switch.</li></ul>"},
	{"dotnet", ".NET",
	 "<ul><li>Change <code>&lt;TargetFramework&gt;</code> in the .csproj to <code>net10.0</code> (or the "
	 "recommended version) and update <code>Amazon.Lambda.Core</code>, "
	 "<code>Amazon.Lambda.Serialization.SystemTextJson</code> and <code>Amazon.Lambda.RuntimeSupport</code>.</li>"
	 "<li><code>dotnetcore*</code> functions used Newtonsoft-based serializers: switch to "
	 "<code>DefaultLambdaJsonSerializer</code> (System.Text.Json) and check property casing.</li>"
	 "<li>Redeploy with <code>dotnet lambda deploy-function</code> or your IaC after <code>dotnet publish</code>.</li></ul>"},
	{"ruby", "Ruby",
	 "<ul><li>Ruby 3 separates positional and keyword arguments: calls that pass a hash where keywords are "
	 "expected raise <code>ArgumentError</code>; use <code>**opts</code>.</li>"
	 "<li>Rebuild gems with native extensions (<code>nokogiri</code>, <code>pg</code>) for the new Ruby and "
	 "Amazon Linux 2023; update the <code>Gemfile.lock</code> platform.</li></ul>"},
	{"provided", "Go and OS-only runtimes",
	 "<ul><li><code>go1.x</code> to <code>provided.al2023</code>: build with "
	 "<code>GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -o bootstrap</code>, zip the binary named "
	 "<code>bootstrap</code>, and set the handler to <code>bootstrap</code>. Use "
	 "<code>github.com/aws/aws-lambda-go</code> 1.x; arm64 (Graviton) is cheaper.</li>"
	 "<li><code>provided</code>/<code>provided.al2</code> to <code>provided.al2023</code>: Amazon Linux 2023 "
	 "uses <code>dnf</code> (not <code>yum</code>), glibc 2.34 and OpenSSL 3; relink custom runtimes and "
	 "layers against it.</li></ul>"},
};

const unsigned html_family_advice_count = sizeof(html_family_advice) / sizeof(html_family_advice[0]);

const char html_rollout[] =
	"<ol>"
	"<li><strong>Test separately.</strong> Deploy the function on the new runtime in a separate environment "
	"(or as a copy) and run its tests and a sample of real events there first.</li>"
	"<li><strong>Publish a version.</strong> Update <code>$LATEST</code> "
	"(<code>aws lambda update-function-configuration --function-name F --runtime NEW</code>), wait for "
	"<code>LastUpdateStatus</code> Successful, then <code>aws lambda publish-version --function-name F</code>.</li>"
	"<li><strong>Shift traffic gradually.</strong> Point the live alias mostly at the old version with a "
	"weight on the new one: <code>aws lambda update-alias --function-name F --name live --function-version OLD "
	"--routing-config 'AdditionalVersionWeights={\"NEW\"=0.1}'</code>; raise the weight step by step "
	"(CodeDeploy's Linear or Canary configurations do this for you).</li>"
	"<li><strong>Watch.</strong> Compare <code>Errors</code>, <code>Throttles</code> and <code>Duration</code> "
	"per version (the <code>ExecutedVersion</code> dimension) and the logs at each step.</li>"
	"<li><strong>Roll back</strong> by moving the alias: <code>aws lambda update-alias --function-name F "
	"--name live --function-version OLD --routing-config AdditionalVersionWeights={}</code>. Finish with the "
	"alias fully on the new version.</li>"
	"<li><strong>Old published versions</strong> are immutable and keep their runtime: once no alias or "
	"event source mapping points at them, delete them (<code>aws lambda delete-function --function-name F "
	"--qualifier OLD</code>); a version still behind an alias is live traffic on a deprecated runtime.</li>"
	"</ol>";
